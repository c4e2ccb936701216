"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { overrideChecklistAction } from "@/lib/actions/dosing";
import type { GoNoGoResult } from "@/lib/domain/dosing/checklist";
import { useRecordAction } from "./use-record-action";

/** The server's go / no-go verdict, item by item; a prescriber can override failing items with a reason. */
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
  const { run, pending, error } = useRecordAction();
  const [reason, setReason] = useState("");
  const failed = result.items.filter((i) => i.status === "fail");
  return (
    <div className="space-y-3" data-testid="checklist-result">
      {result.passed ? (
        <Notice tone="success">Go: every item passed.</Notice>
      ) : overrideReason ? (
        <Notice tone="warning">
          No-go items overridden by the prescriber: <span className="font-medium">{overrideReason}</span>
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
            </span>
          </li>
        ))}
      </ul>
      {open && !result.passed && !overrideReason && canOverride ? (
        <form
          method="post"
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => overrideChecklistAction({ recordId, version, reason }));
          }}
        >
          {error ? (
            <Notice tone="danger" live="assertive">
              {error}
            </Notice>
          ) : null}
          <Field label="Override reason (prescriber)" id={`override-${recordId}`} required>
            <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Button type="submit" variant="danger" disabled={pending}>
            Override and allow the dose
          </Button>
        </form>
      ) : null}
    </div>
  );
}
