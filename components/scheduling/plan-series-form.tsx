"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createSeriesAction, previewSeriesAction } from "@/lib/actions/scheduling";
import { type PlanSeriesFormInput, planSeriesSchema } from "@/lib/validation/scheduling";
import { PlanReview, type PlanRow } from "./plan-review";

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
  const ready = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const [rows, setRows] = useState<PlanRow[] | null>(null);
  const [creating, setCreating] = useState(false);
  const client = options.clients.find((c) => c.id === clientId);
  const form = useForm<PlanSeriesFormInput>({
    resolver: zodResolver(planSeriesSchema),
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
  });
  const { errors, isSubmitting } = form.formState;

  const onPreview = form.handleSubmit(async (values) => {
    setMessage(null);
    const r = await previewSeriesAction(values);
    if (!r.ok) {
      setMessage(applyServerErrors(form, r));
      return;
    }
    setRows(
      r.data.sessions.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
    );
  });

  const onCreate = async () => {
    if (!rows) return;
    setCreating(true);
    setMessage(null);
    const r = await createSeriesAction({
      plan: form.getValues(),
      sessions: rows.map((s) => ({
        kind: s.kind,
        sequence: s.sequence,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
      })),
    });
    setCreating(false);
    if (!r.ok) {
      setMessage(r.message);
      return;
    }
    router.push(`/series/${r.data.seriesId}?created=1`);
  };

  return (
    <div className="space-y-6">
      <form
        onSubmit={onPreview}
        method="post"
        noValidate
        data-ready={ready || undefined}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        {message ? (
          <Notice tone="danger" live="assertive" data-testid="form-error">
            {message}
          </Notice>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Client" id="clientId" error={errors.clientId?.message} required>
            <Select {...form.register("clientId")}>
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
            error={errors.partnerId?.message}
          >
            <Select {...form.register("partnerId")}>
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
            error={errors.protocolTemplateId?.message}
            required
          >
            <Select {...form.register("protocolTemplateId")}>
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
            error={errors.prescriberId?.message}
            required
          >
            <Select {...form.register("prescriberId")}>
              {options.prescribers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Start from" id="startDate" error={errors.startDate?.message} required>
            <Input type="date" {...form.register("startDate")} />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Weekday" id="weekday" error={errors.weekday?.message} required>
              <Select {...form.register("weekday", { valueAsNumber: true })}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={`Time (${timeZone})`} id="time" error={errors.time?.message} required>
              <Input type="time" step={900} {...form.register("time")} />
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
          error={errors.cadence?.message}
          inputProps={() => form.register("cadence")}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Location" id="location" error={errors.location?.message}>
            <Input placeholder="e.g. Room 2" {...form.register("location")} />
          </Field>
          <Field label="Telehealth link" id="telehealthUrl" error={errors.telehealthUrl?.message}>
            <Input type="url" placeholder="https://…" {...form.register("telehealthUrl")} />
          </Field>
        </div>
        <Field label="Intention for the series" id="intention" error={errors.intention?.message}>
          <Textarea rows={2} {...form.register("intention")} />
        </Field>
        <Button type="submit" disabled={!ready || isSubmitting}>
          {isSubmitting ? "Laying out the plan…" : rows ? "Lay out the plan again" : "Show the plan"}
        </Button>
      </form>
      {rows ? (
        <PlanReview
          rows={rows}
          onChange={setRows}
          timeZone={timeZone}
          onCreate={onCreate}
          creating={creating}
        />
      ) : null}
    </div>
  );
}
