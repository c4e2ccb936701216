import { US_STATES, type UsStateCode } from "@/lib/domain/core/us-states";
import { bmiOf, describeBody } from "@/lib/domain/intake/bmi";
import { INTAKE_STEPS, type StoredIntake, type YesNoItem } from "@/lib/domain/intake/intake-answers";
import {
  EXPERIENCE_ITEMS,
  HEART_ATTACK_WHEN_LABEL,
  HEART_ATTACK_WHEN_QUESTION,
  MEDICAL_ITEMS,
  PSYCHIATRIC_ITEMS,
  UNCONTROLLED_USE_QUESTION,
  USE_FREQUENCY_LABEL,
} from "@/lib/domain/intake/intake-questions";
import type { EligibilityFlag } from "@/lib/domain/screening/eligibility";
import { classifyMedicationAll } from "@/lib/domain/screening/medications";
import { cn } from "@/lib/utils";

type Tone = "absolute" | "relative" | null;
const title = (id: string) => INTAKE_STEPS.find((s) => s.id === id)?.title ?? id;
/** The strongest flag raised by a question (flags name their question in `source`). */
const toneFor = (flags: EligibilityFlag[], question: string): Tone => {
  const hits = flags.filter((f) => f.source.endsWith(question));
  if (hits.some((f) => f.severity === "absolute")) return "absolute";
  return hits.length ? "relative" : null;
};
const PRETTY: Record<string, string> = { yes: "Yes", no: "No", "not-applicable": "Does not apply" };

function Row({ label, value, tone = null }: { label: string; value: React.ReactNode; tone?: Tone }) {
  return (
    <div
      className={cn(
        "grid gap-1 px-3 py-2 sm:grid-cols-[1fr_1fr]",
        tone === "absolute" && "bg-red-50 ring-1 ring-red-200",
        tone === "relative" && "bg-amber-50 ring-1 ring-amber-200",
      )}
      data-flagged={tone ?? undefined}
    >
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm font-medium text-slate-900">
        {value}
        {tone ? (
          <span
            className={cn(
              "ml-2 text-xs font-semibold",
              tone === "absolute" ? "text-red-800" : "text-amber-900",
            )}
          >
            {tone === "absolute" ? "Absolute flag" : "Relative flag"}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

const yesNo = (item: YesNoItem) =>
  item.answer === "yes" ? `Yes${item.details ? ` — ${item.details}` : ""}` : "No";

function Section({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`intake-${id}`} className="rounded-lg border border-slate-200 bg-white">
      <h3 id={`intake-${id}`} className="border-b border-slate-100 px-3 py-2 font-semibold">
        {title(id)}
      </h3>
      <dl className="divide-y divide-slate-100">{children}</dl>
    </section>
  );
}

const isYesNo = (v: unknown): v is YesNoItem =>
  Boolean(v) && typeof v === "object" && typeof (v as { answer?: unknown }).answer === "string";

function YesNoSection({
  id,
  items,
  answers,
  flags,
  children,
}: {
  id: string;
  items: Record<string, string>;
  answers: object;
  flags: EligibilityFlag[];
  children?: React.ReactNode;
}) {
  return (
    <Section id={id}>
      {Object.entries(items).map(([key, q]) => {
        const a: unknown = (answers as Record<string, unknown>)[key];
        // A question added after this intake was taken: shown as not asked, never as "no".
        if (!isYesNo(a)) return <Row key={key} label={q} value="Not asked" tone="relative" />;
        return (
          <Row key={key} label={q} value={yesNo(a)} tone={a.answer === "yes" ? toneFor(flags, q) : null} />
        );
      })}
      {children}
    </Section>
  );
}

/** The client's submitted intake, read-only, with flagged answers highlighted. */
export function IntakeSummary({ intake, flags }: { intake: StoredIntake; flags: EligibilityFlag[] }) {
  const c = intake.contact;
  const t = intake.outsideTherapist;
  const pregnancyFlag = (code: string): Tone => (flags.some((f) => f.code === code) ? "absolute" : null);
  return (
    <div className="space-y-4" data-testid="intake-summary">
      <Section id="contact">
        <Row
          label="Preferred name / pronouns"
          value={[c.preferredName, c.pronouns].filter(Boolean).join(", ") || "—"}
        />
        <Row label="Phone" value={c.phone} />
        <Row label="Address" value={c.addressLine} />
        <Row
          label="Emergency contact"
          value={`${c.emergencyContactName} (${c.emergencyContactRelation}), ${c.emergencyContactPhone}`}
        />
      </Section>
      <Section id="residence">
        <Row
          label="State of residence"
          value={US_STATES[intake.residence.state as UsStateCode] ?? intake.residence.state}
        />
      </Section>
      <YesNoSection id="medical" items={MEDICAL_ITEMS} answers={intake.medical} flags={flags}>
        {intake.medical.heartAttack?.answer === "yes" ? (
          <Row
            label={HEART_ATTACK_WHEN_QUESTION}
            value={
              intake.medical.heartAttackWhen
                ? HEART_ATTACK_WHEN_LABEL[intake.medical.heartAttackWhen]
                : "Not said"
            }
          />
        ) : null}
        <Row
          label="Height, weight and BMI"
          value={describeBody(intake.medical) ?? "Not asked"}
          tone={
            bmiOf(intake.medical) === null
              ? "relative"
              : flags.some((f) => f.code === "high-bmi")
                ? "relative"
                : null
          }
        />
      </YesNoSection>
      <Section id="medications">
        {intake.medications.medications.length === 0 ? (
          <Row label="Medicines" value="None" />
        ) : (
          intake.medications.medications.map((m) => {
            const matches = classifyMedicationAll(m.name);
            return (
              <Row
                key={[m.name, m.dose, m.frequency].join("|")}
                label={
                  matches.length > 0
                    ? `Medicine (${matches.map((x) => `${x.label}: ${x.generic}`).join("; ")})`
                    : "Medicine"
                }
                value={[m.name, m.dose, m.frequency].filter(Boolean).join(" · ")}
                tone={matches.length > 0 ? "relative" : null}
              />
            );
          })
        )}
      </Section>
      <YesNoSection id="psychiatric" items={PSYCHIATRIC_ITEMS} answers={intake.psychiatric} flags={flags} />
      <Section id="substances">
        <Row label="Alcohol" value={USE_FREQUENCY_LABEL[intake.substances.alcohol]} />
        <Row label="Cannabis" value={USE_FREQUENCY_LABEL[intake.substances.cannabis]} />
        <Row label="Other substances" value={intake.substances.otherSubstances ?? "None"} />
        <Row
          label={UNCONTROLLED_USE_QUESTION}
          value={yesNo(intake.substances.uncontrolledUse)}
          tone={
            intake.substances.uncontrolledUse.answer === "yes"
              ? toneFor(flags, UNCONTROLLED_USE_QUESTION)
              : null
          }
        />
      </Section>
      <Section id="pregnancy">
        <Row
          label="Pregnant, or could be"
          value={PRETTY[intake.pregnancy.pregnant]}
          tone={pregnancyFlag("pregnancy")}
        />
        <Row
          label="Breastfeeding"
          value={PRETTY[intake.pregnancy.breastfeeding]}
          tone={pregnancyFlag("breastfeeding")}
        />
        <Row
          label="Planning a pregnancy"
          value={PRETTY[intake.pregnancy.planningPregnancy]}
          tone={flags.some((f) => f.code === "planning-pregnancy") ? "relative" : null}
        />
      </Section>
      <YesNoSection id="experience" items={EXPERIENCE_ITEMS} answers={intake.experience} flags={flags} />
      <Section id="intention">
        <Row
          label="Intention for KAP"
          value={<span className="whitespace-pre-wrap font-normal">{intake.intention.intention}</span>}
        />
        {intake.intention.relationalGoals ? (
          <Row
            label="Relational goals"
            value={
              <span className="whitespace-pre-wrap font-normal">{intake.intention.relationalGoals}</span>
            }
          />
        ) : null}
      </Section>
      <Section id="outsideTherapist">
        <Row
          label="Outside therapist"
          value={
            t.hasOutsideTherapist === "yes"
              ? [t.name, t.credentials, t.organization, t.email, t.phone].filter(Boolean).join(" · ")
              : "None"
          }
        />
      </Section>
    </div>
  );
}
