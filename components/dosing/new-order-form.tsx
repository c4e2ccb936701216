"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { createDosingOrderAction } from "@/lib/actions/dosing";
import { DOSING_ROUTES, type DosingRoute, ROUTE_LABEL } from "@/lib/domain/dosing/order";

/**
 * A prescriber's dosing order. Kapstone records what the prescriber decides and
 * never proposes a dose: every amount field starts empty.
 */
export function NewOrderForm({ clientId }: { clientId: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [byWeight, setByWeight] = useState(false);
  const [pending, setPending] = useState(false);
  const err = (k: string) => errors[k];
  return (
    <form
      method="post"
      noValidate
      className="space-y-3"
      data-testid="new-order-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const num = (k: string) => (f.get(k) ? Number(f.get(k)) : null);
        setPending(true);
        const r = await createDosingOrderAction({
          clientId,
          order: {
            route: String(f.get("route")) as DosingRoute,
            doseMg: byWeight ? null : num("doseMg"),
            doseMgPerKg: byWeight ? num("doseMgPerKg") : null,
            weightKg: byWeight ? num("weightKg") : null,
            maxDoses: Number(f.get("maxDoses")),
            validUntil: String(f.get("validUntil")),
            instructions: String(f.get("instructions") ?? ""),
          },
        });
        setPending(false);
        if (!r.ok) {
          setMessage(r.message);
          setErrors(
            Object.fromEntries(
              Object.entries(r.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^order\./, ""), v[0] ?? ""]),
            ),
          );
          return;
        }
        setMessage(null);
        setErrors({});
        router.refresh();
      }}
    >
      {message ? (
        <Notice tone="danger" live="assertive">
          {message}
        </Notice>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Field label="Route" id="route" error={err("route")} required>
          <Select name="route" className="w-44">
            {DOSING_ROUTES.map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-teal-700"
            checked={byWeight}
            onChange={(e) => setByWeight(e.target.checked)}
          />{" "}
          Dose by weight (mg/kg)
        </label>
      </div>
      <div className="flex flex-wrap gap-3">
        {byWeight ? (
          <>
            <Field label="Dose (mg/kg)" id="doseMgPerKg" error={err("doseMgPerKg")} required>
              <Input name="doseMgPerKg" type="number" step="0.001" className="w-32" />
            </Field>
            <Field label="Weight used (kg)" id="weightKg" error={err("weightKg")} required>
              <Input name="weightKg" type="number" step="0.1" className="w-32" />
            </Field>
          </>
        ) : (
          <Field label="Dose (mg)" id="doseMg" error={err("doseMg")} required>
            <Input name="doseMg" type="number" step="0.01" className="w-32" />
          </Field>
        )}
        <Field label="Doses before review" id="maxDoses" error={err("maxDoses")} required>
          <Input name="maxDoses" type="number" min={1} max={12} className="w-28" />
        </Field>
        <Field label="Valid until" id="validUntil" error={err("validUntil")} required>
          <Input name="validUntil" type="date" className="w-44" />
        </Field>
      </div>
      <Field
        label="Instructions"
        id="instructions"
        error={err("instructions")}
        hint="Optional, e.g. split in two halves 20 min apart."
      >
        <Textarea name="instructions" rows={2} />
      </Field>
      <Button type="submit" disabled={pending}>
        Sign the order
      </Button>
    </form>
  );
}
