"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { overrideChecklistAction } from "@/lib/actions/dosing";
import {
  failedItems,
  type GoNoGoResult,
  isOverridable,
  mayOverride,
  notOverridableFailures,
  whyNotOverridable,
} from "@/lib/domain/dosing/checklist";
import { overrideChecklistSchema } from "@/lib/validation/dosing";

/**
 * The server's go / no-go verdict, item by item. A prescriber can override failing vitals, fasting,
 * substance and escort items with a reason; an item no override lifts says so, and why, and while
 * one fails no override is offered (the server refuses it too).
 */
export function ChecklistResult({
  recordId,
  version,
  result,
  overrideReason,
  canOverride,
  open,
}: {
  recordId: string;
  version: number;
  result: GoNoGoResult;
  overrideReason: string | null;
  canOverride: boolean;
  open: boolean;
}) {
  const f = useActionForm(overrideChecklistAction, {
    schema: overrideChecklistSchema,
    defaultValues: { reason: "" },
    toInput: (v: { reason: string }) => ({ ...v, recordId, version }),
    refresh: true,
  });
  const failed = failedItems(result);
  const held = notOverridableFailures(result);
  const overridable = mayOverride(result);
  return (
    <div className="space-y-3" data-testid="checklist-result">
      {result.passed ? (
        <Notice tone="success">Go: every item passed.</Notice>
      ) : overrideReason ? (
        <Notice tone="warning">
          No-go items overridden by the prescriber: <span className="font-medium">{overrideReason}</span>
        </Notice>
      ) : held.length > 0 ? (
        <Notice tone="danger" data-testid="no-go">
          No-go: {failed.length} item{failed.length > 1 ? "s" : ""} failed, and{" "}
          {held.length === 1 ? "one of them" : `${held.length} of them`} cannot be overridden. The dose is
          held until {held.length === 1 ? "it is" : "they are"} resolved and the checklist is entered again.
        </Notice>
      ) : (
        <Notice tone="danger" data-testid="no-go">
          No-go: {failed.length} item{failed.length > 1 ? "s" : ""} failed. The dose is held unless a
          prescriber overrides.
        </Notice>
      )}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {result.items.map((i) => (
          <li key={i.code} className="flex gap-2 px-3 py-2">
            <span aria-hidden="true" className={i.status === "pass" ? "text-emerald-700" : "text-red-700"}>
              {i.status === "pass" ? "✓" : "✗"}
            </span>
            <span>
              <span className="font-medium">{i.label}</span>
              <span className="sr-only">{i.status === "pass" ? " passed" : " failed"}</span>
              <span className="block text-slate-600">{i.detail}</span>
              {i.status === "fail" && !isOverridable(i.code) ? (
                <span className="block font-medium text-red-900" data-testid="not-overridable">
                  Cannot be overridden. {i.whyNot ?? whyNotOverridable(i.code)}
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {open && overridable && !overrideReason && canOverride ? (
        <form {...f.formProps} className="space-y-2">
          <FormNotice of={f} />
          <Field
            label="Override reason (prescriber)"
            id={`override-${recordId}`}
            error={f.error("reason")}
            required
          >
            <Textarea rows={3} {...f.register("reason")} />
          </Field>
          <Button type="submit" variant="danger" disabled={!f.ready || f.pending}>
            Override and allow the dose
          </Button>
        </form>
      ) : null}
    </div>
  );
}
