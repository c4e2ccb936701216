"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { fieldError } from "@/components/forms/form-errors";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { US_STATES } from "@/lib/domain/core/us-states";
import { bmiBand, bmiOf } from "@/lib/domain/intake/bmi";
import {
  BODY_MEASUREMENTS,
  EXPERIENCE_ITEMS,
  HEART_ATTACK_WHEN,
  HEART_ATTACK_WHEN_LABEL,
  HEART_ATTACK_WHEN_QUESTION,
  type IntakeStepId,
  MEDICAL_ITEMS,
  PSYCHIATRIC_ITEMS,
  UNCONTROLLED_USE_QUESTION,
  USE_FREQUENCY,
  USE_FREQUENCY_LABEL,
} from "@/lib/domain/intake/intake-questions";
import { MedicationsFields } from "./medications-fields";
import { YesNoItems } from "./yes-no-items";

type Form = UseFormReturn<FieldValues>;
const err = (form: Form, path: string): string | undefined => fieldError(form.formState.errors, path);

function TextField({
  form,
  name,
  label,
  hint,
  required,
  type = "text",
  autoComplete,
}: {
  form: Form;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
}) {
  return (
    <Field label={label} id={name} hint={hint} error={err(form, name)} required={required}>
      <Input type={type} autoComplete={autoComplete} {...form.register(name)} />
    </Field>
  );
}

function ContactFields({ form }: { form: Form }) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          form={form}
          name="preferredName"
          label="Preferred name"
          hint="What you like to be called"
          autoComplete="nickname"
        />
        <TextField form={form} name="pronouns" label="Pronouns" hint="For example she/her, they/them" />
      </div>
      <TextField form={form} name="phone" label="Mobile phone" type="tel" required autoComplete="tel" />
      <TextField form={form} name="addressLine" label="Home address" required autoComplete="street-address" />
      <h3 className="pt-2 text-base font-semibold">Emergency contact</h3>
      <p className="text-sm text-slate-600">
        Someone we can call if we are worried about your safety during treatment.
      </p>
      <TextField form={form} name="emergencyContactName" label="Their name" required />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField form={form} name="emergencyContactPhone" label="Their phone" type="tel" required />
        <TextField
          form={form}
          name="emergencyContactRelation"
          label="How you know them"
          hint="Partner, friend, parent…"
          required
        />
      </div>
    </div>
  );
}

function ResidenceFields({ form }: { form: Form }) {
  return (
    <Field
      label="Which state do you live in?"
      id="state"
      hint="Your prescriber must be licensed in the state where you live."
      error={err(form, "state")}
      required
    >
      <Select {...form.register("state")}>
        <option value="">Choose a state</option>
        {Object.entries(US_STATES).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A number typed in the form, or undefined while blank or not a number. */
const typed = (v: unknown): number | undefined => {
  if (typeof v === "number") return v;
  if (typeof v !== "string" || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

function MedicalFields({ form }: { form: Form }) {
  const [feet, inches, pounds] = form.watch(["heightFeet", "heightInches", "weightPounds"]);
  const bmi = bmiOf({ heightFeet: typed(feet), heightInches: typed(inches), weightPounds: typed(pounds) });
  return (
    <div className="space-y-6">
      <YesNoItems
        form={form}
        items={MEDICAL_ITEMS}
        after={{
          heartAttack: (
            <ChoiceGroup
              id="heartAttackWhen"
              legend={HEART_ATTACK_WHEN_QUESTION}
              required
              layout="column"
              options={HEART_ATTACK_WHEN.map((v) => ({ value: v, label: HEART_ATTACK_WHEN_LABEL[v] }))}
              error={err(form, "heartAttackWhen")}
              inputProps={() => form.register("heartAttackWhen")}
            />
          ),
        }}
      />
      <div className="space-y-3">
        <h3 className="text-sm font-medium">Your height and weight</h3>
        <p className="text-sm text-slate-600">Your prescriber uses these to plan your dose.</p>
        <div className="grid grid-cols-3 gap-3">
          {(Object.entries(BODY_MEASUREMENTS) as [keyof typeof BODY_MEASUREMENTS, string][]).map(
            ([name, label]) => (
              <Field
                key={name}
                label={label}
                id={name}
                error={err(form, name)}
                required={name !== "heightInches"}
              >
                <Input type="text" inputMode="decimal" autoComplete="off" {...form.register(name)} />
              </Field>
            ),
          )}
        </div>
        <p className="text-sm text-slate-700" aria-live="polite" data-testid="bmi">
          {bmi === null ? "Your BMI will show here." : `BMI ${bmi} (${bmiBand(bmi)})`}
        </p>
      </div>
    </div>
  );
}

const frequencyOptions = USE_FREQUENCY.map((v) => ({ value: v, label: USE_FREQUENCY_LABEL[v] }));

function SubstancesFields({ form }: { form: Form }) {
  return (
    <div className="space-y-6">
      <ChoiceGroup
        id="alcohol"
        legend="How often do you drink alcohol?"
        required
        layout="column"
        options={frequencyOptions}
        error={err(form, "alcohol")}
        inputProps={() => form.register("alcohol")}
      />
      <ChoiceGroup
        id="cannabis"
        legend="How often do you use cannabis?"
        required
        layout="column"
        options={frequencyOptions}
        error={err(form, "cannabis")}
        inputProps={() => form.register("cannabis")}
      />
      <Field
        label="Other substances you use, and how often"
        id="otherSubstances"
        hint="Optional. Leave blank if none."
        error={err(form, "otherSubstances")}
      >
        <Textarea rows={2} {...form.register("otherSubstances")} />
      </Field>
      <YesNoItems form={form} items={{ uncontrolledUse: UNCONTROLLED_USE_QUESTION }} />
    </div>
  );
}

const pregnancyOptions = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "not-applicable", label: "Does not apply to me" },
];

function PregnancyFields({ form }: { form: Form }) {
  const questions = {
    pregnant: "Are you pregnant, or could you be?",
    breastfeeding: "Are you breastfeeding?",
    planningPregnancy: "Are you planning a pregnancy in the next few months?",
  };
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">Ketamine is not used during pregnancy or breastfeeding.</p>
      {Object.entries(questions).map(([name, legend]) => (
        <ChoiceGroup
          key={name}
          id={name}
          legend={legend}
          required
          options={pregnancyOptions}
          error={err(form, name)}
          inputProps={() => form.register(name)}
        />
      ))}
    </div>
  );
}

function IntentionFields({ form }: { form: Form }) {
  return (
    <div className="space-y-4">
      <Field
        label="What would you like KAP to help you with?"
        id="intention"
        hint="In your own words: what you hope changes, what you want to understand or let go of."
        error={err(form, "intention")}
        required
      >
        <Textarea rows={6} {...form.register("intention")} />
      </Field>
      <Field
        label="Relationships you hope this work touches"
        id="relationalGoals"
        hint="Optional. Partners, family, friends: couples often describe the pattern they get stuck in."
        error={err(form, "relationalGoals")}
      >
        <Textarea rows={4} {...form.register("relationalGoals")} />
      </Field>
    </div>
  );
}

function OutsideTherapistFields({ form }: { form: Form }) {
  const has = form.watch("hasOutsideTherapist");
  return (
    <div className="space-y-4">
      <ChoiceGroup
        id="hasOutsideTherapist"
        legend="Do you see a therapist outside this clinic who you would like us to keep informed?"
        hint="If so, we will ask you to sign a release saying what we may share with them and for how long."
        required
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
        error={err(form, "hasOutsideTherapist")}
        inputProps={() => form.register("hasOutsideTherapist")}
      />
      {has === "yes" ? (
        <div className="space-y-4 rounded-md border border-slate-200 p-4">
          <TextField form={form} name="name" label="Their name" required />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField form={form} name="credentials" label="Credentials" hint="e.g. LMFT, PhD" />
            <TextField form={form} name="organization" label="Practice or organisation" />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField form={form} name="email" label="Their e-mail" type="email" />
            <TextField form={form} name="phone" label="Their phone" type="tel" />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** The fields of one intake step. */
export function StepFields({ step, form }: { step: IntakeStepId; form: Form }) {
  switch (step) {
    case "contact":
      return <ContactFields form={form} />;
    case "residence":
      return <ResidenceFields form={form} />;
    case "medical":
      return <MedicalFields form={form} />;
    case "medications":
      return <MedicationsFields form={form} />;
    case "psychiatric":
      return <YesNoItems form={form} items={PSYCHIATRIC_ITEMS} />;
    case "substances":
      return <SubstancesFields form={form} />;
    case "pregnancy":
      return <PregnancyFields form={form} />;
    case "experience":
      return <YesNoItems form={form} items={EXPERIENCE_ITEMS} />;
    case "intention":
      return <IntentionFields form={form} />;
    case "outsideTherapist":
      return <OutsideTherapistFields form={form} />;
  }
}
