"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { recordBoosterAction } from "@/lib/actions/dosing";
import type { OrderBooster } from "@/lib/domain/dosing/order";
import { recordBoosterSchema } from "@/lib/validation/dosing";
import { LateReasonField, lateReasonCheck, typedTimeIsLate } from "./late-entry";
import { clock, nowLocalTime, typedTimeToday } from "./local-time";

type Booster = { mg: number; lotNumber: string; givenAt: string; lateReason: string };

/**
 * The booster the order allows, after the first administration: not before the order's
 * earliest minute, never above the booster or the session's total (checked again on the server).
 */
export function BoosterForm({
  recordId,
  version,
  booster,
  doseMg,
  doseGivenAt,
  timeZone,
}: {
  recordId: string;
  version: number;
  booster: OrderBooster & { boosterMg: number; boosterEarliestMinute: number; totalMaxMg: number };
  doseMg: number;
  doseGivenAt: Date;
  timeZone: string;
}) {
  const f = useActionForm(recordBoosterAction, {
    schema: recordBoosterSchema,
    defaultValues: { lotNumber: "", givenAt: nowLocalTime(timeZone), lateReason: "" },
    toInput: (v: Booster) => ({ ...v, recordId, version, givenAt: typedTimeToday(v.givenAt, timeZone) }),
    check: (v) => {
      const late = lateReasonCheck(v.givenAt, v.lateReason, timeZone);
      return late ? { lateReason: late } : undefined;
    },
    refresh: true,
  });
  const late = typedTimeIsLate(f.form.watch("givenAt"), timeZone);
  const earliest = new Date(doseGivenAt.getTime() + booster.boosterEarliestMinute * 60_000);
  const room = Math.max(0, Math.round((booster.totalMaxMg - doseMg) * 100) / 100);
  const most = Math.min(booster.boosterMg, room);
  return (
    <form {...f.formProps} className="space-y-3" data-testid="booster-form">
      <p className="text-sm text-slate-700">
        The order allows a booster of up to {booster.boosterMg} mg from {clock(earliest, timeZone)} (minute{" "}
        {booster.boosterEarliestMinute} after the first administration), with the session at most{" "}
        {booster.totalMaxMg} mg in total: {most} mg at most now.
      </p>
      <FormNotice of={f} testId="booster-error" />
      <div className="flex flex-wrap gap-3">
        <Field label="Booster given (mg)" id={`booster-mg-${recordId}`} error={f.error("mg")} required>
          <Input
            type="number"
            step="0.01"
            min="0"
            className="w-32"
            {...f.register("mg", { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Booster lot number"
          id={`booster-lot-${recordId}`}
          error={f.error("lotNumber")}
          required
        >
          <Input className="w-36" {...f.register("lotNumber")} />
        </Field>
        <Field label="Booster time" id={`booster-time-${recordId}`} error={f.error("givenAt")} required>
          <Input type="time" className="w-32" {...f.register("givenAt")} />
        </Field>
      </div>
      <LateReasonField
        id={`booster-late-${recordId}`}
        show={late}
        error={f.error("lateReason")}
        registration={f.register("lateReason")}
        className="max-w-xl"
      />
      <Button type="submit" variant="secondary" disabled={!f.ready || f.pending}>
        Record booster
      </Button>
    </form>
  );
}
