"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { recordDoseAction } from "@/lib/actions/dosing";
import { type DosingRoute, orderedMg, ROUTE_LABEL } from "@/lib/domain/dosing/order";
import { nowLocalTime, todayAt } from "./local-time";
import { type ActiveOrder, orderSummary } from "./order-summary";
import { useRecordAction } from "./use-record-action";

/** The dose given, from an active order: never above it (checked again on the server). */
export function DoseForm({
  recordId,
  version,
  orders,
  timeZone,
}: {
  recordId: string;
  version: number;
  orders: ActiveOrder[];
  timeZone: string;
}) {
  const { run, pending, error } = useRecordAction();
  const [orderId, setOrderId] = useState(orders[0]?.id ?? "");
  const order = orders.find((o) => o.id === orderId);
  if (orders.length === 0) {
    return (
      <Notice tone="warning">
        No active dosing order for this client. A prescriber writes one on the client&apos;s record.
      </Notice>
    );
  }
  return (
    <form
      method="post"
      className="space-y-3"
      data-testid="dose-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        void run(() =>
          recordDoseAction({
            recordId,
            version,
            orderId,
            mg: Number(f.get("mg")),
            route: String(f.get("route")) as DosingRoute,
            lotNumber: String(f.get("lot")),
            givenAt: todayAt(String(f.get("time")), timeZone),
          }),
        );
      }}
    >
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="dose-error">
          {error}
        </Notice>
      ) : null}
      <Field label="Order" id={`order-${recordId}`}>
        <Select value={orderId} onChange={(e) => setOrderId(e.target.value)}>
          {orders.map((o) => (
            <option key={o.id} value={o.id}>
              {orderSummary(o)}
            </option>
          ))}
        </Select>
      </Field>
      {order?.instructions ? (
        <p className="text-sm text-slate-700">Instructions: {order.instructions}</p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Field
          label="Dose given (mg)"
          id={`mg-${recordId}`}
          hint={order ? `Ordered: ${orderedMg(order)} mg at most` : undefined}
          required
        >
          <Input name="mg" type="number" step="0.01" min="0" className="w-32" />
        </Field>
        <Field label="Route" id={`route-${recordId}`} required>
          <Select name="route" key={order?.id} defaultValue={order?.route} className="w-40">
            {(Object.keys(ROUTE_LABEL) as DosingRoute[]).map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABEL[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Lot number" id={`lot-${recordId}`} required>
          <Input name="lot" className="w-36" />
        </Field>
        <Field label="Time given" id={`time-${recordId}`} required>
          <Input name="time" type="time" defaultValue={nowLocalTime(timeZone)} className="w-32" />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        Record the dose
      </Button>
    </form>
  );
}
