"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { createSeriesAction, previewSeriesAction } from "@/lib/actions/scheduling";
import { planSeriesSchema } from "@/lib/validation/scheduling";
import { type PlanChecks, PlanReview, type PlanRow } from "./plan-review";

type Options = {
  templates: { id: string; name: string; isDefault: boolean }[];
  prescribers: { id: string; name: string }[];
  clients: { id: string; name: string; stage: string; prescriberId: string | null }[];
};

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * Planning a series: the choices, then the whole plan with every conflict shown,
 * single dates adjustable, then one click creates every session (or none).
 */
export function PlanSeriesForm({
  options,
  clientId,
  today,
  timeZone,
}: {
  options: Options;
  clientId?: string;
  today: string;
  timeZone: string;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<PlanRow[] | null>(null);
  const [checks, setChecks] = useState<PlanChecks | null>(null);
  const client = options.clients.find((c) => c.id === clientId);
  const f = useActionForm(previewSeriesAction, {
    schema: planSeriesSchema,
    defaultValues: {
      clientId: clientId ?? "",
      partnerId: "",
      protocolTemplateId: options.templates.find((t) => t.isDefault)?.id ?? options.templates[0]?.id ?? "",
      prescriberId: client?.prescriberId ?? options.prescribers[0]?.id ?? "",
      startDate: today,
      cadence: "weekly",
      weekday: 2,
      time: "10:00",
      location: "",
      telehealthUrl: "",
      intention: "",
    },
    onSuccess: ({ sessions, followUpAfterDose, integrationWindow }) => {
      setChecks({ followUpAfterDose, integrationWindow });
      setRows(sessions.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })));
    },
  });
  const create = useAction({ refresh: false });

  const onCreate = () => {
    if (!rows) return;
    f.setMessage(null);
    void create.run(
      () =>
        createSeriesAction({
          plan: f.form.getValues(),
          sessions: rows.map((s) => ({
            kind: s.kind,
            sequence: s.sequence,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
          })),
        }),
      ({ seriesId }) => router.push(`/series/${seriesId}?created=1`),
    );
  };

  return (
    <div className="space-y-6">
      <form {...f.formProps} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <FormNotice of={{ message: f.message ?? create.message }} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Client" id="clientId" error={f.error("clientId")} required>
            <Select {...f.register("clientId")}>
              <option value="">Choose a client</option>
              {options.clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Partner (for couples KAP)"
            id="partnerId"
            hint="Leave empty for an individual series."
            error={f.error("partnerId")}
          >
            <Select {...f.register("partnerId")}>
              <option value="">No partner: individual series</option>
              {options.clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Protocol template"
            id="protocolTemplateId"
            error={f.error("protocolTemplateId")}
            required
          >
            <Select {...f.register("protocolTemplateId")}>
              {options.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                  {t.isDefault ? " (default)" : ""}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Prescriber"
            id="prescriberId"
            hint="Runs the follow-up after dose 2."
            error={f.error("prescriberId")}
            required
          >
            <Select {...f.register("prescriberId")}>
              {options.prescribers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Start from" id="startDate" error={f.error("startDate")} required>
            <Input type="date" {...f.register("startDate")} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Weekday" id="weekday" error={f.error("weekday")} required>
              <Select {...f.register("weekday", { valueAsNumber: true })}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={`Time (${timeZone})`} id="time" error={f.error("time")} required>
              <Input type="time" step={900} {...f.register("time")} />
            </Field>
          </div>
        </div>
        <ChoiceGroup
          id="cadence"
          legend="Cadence"
          options={[
            { value: "weekly", label: "Weekly" },
            { value: "biweekly", label: "Every two weeks" },
          ]}
          error={f.error("cadence")}
          inputProps={() => f.register("cadence")}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Location" id="location" error={f.error("location")}>
            <Input placeholder="e.g. Room 2" {...f.register("location")} />
          </Field>
          <Field label="Telehealth link" id="telehealthUrl" error={f.error("telehealthUrl")}>
            <Input type="url" placeholder="https://…" {...f.register("telehealthUrl")} />
          </Field>
        </div>
        <Field label="Intention for the series" id="intention" error={f.error("intention")}>
          <Textarea rows={2} {...f.register("intention")} />
        </Field>
        <Button type="submit" disabled={!f.ready || f.pending}>
          {f.pending ? "Laying out the plan…" : rows ? "Lay out the plan again" : "Show the plan"}
        </Button>
      </form>
      {rows && checks ? (
        <PlanReview
          rows={rows}
          onChange={setRows}
          timeZone={timeZone}
          checks={checks}
          onCreate={onCreate}
          creating={create.pending}
        />
      ) : null}
    </div>
  );
}
