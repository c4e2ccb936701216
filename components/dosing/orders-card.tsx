import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import type { OrderStatus } from "@/lib/domain/dosing/order";
import { NewOrderForm } from "./new-order-form";
import { type ActiveOrder, orderSummary } from "./order-summary";

const TONE: Record<OrderStatus, "success" | "neutral" | "warning" | "danger"> = {
  active: "success",
  expired: "neutral",
  "used-up": "warning",
  revoked: "danger",
};

/** The client's dosing orders; prescribers write new ones here. */
export function OrdersCard({
  clientId,
  orders,
  canWrite,
  settings,
  timeZone,
}: {
  clientId: string;
  /** The practice's time zone: an order is valid until the end of a local day. */
  timeZone: string;
  orders: (ActiveOrder & { status: OrderStatus; revokeReason: string | null })[];
  canWrite: boolean;
  /** The practice's settings (the route ceilings), for writing an order. */
  settings: PracticeSettings | null;
}) {
  // The client's last recorded weight: the newest order that has one (the server checks its own).
  const lastWeightKg = orders.find((o) => o.weightKg !== null)?.weightKg ?? null;
  return (
    <Card data-testid="orders-card">
      <CardTitle>Dosing orders</CardTitle>
      {orders.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No orders yet.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {orders.map((o) => (
            <li key={o.id}>
              <Badge tone={TONE[o.status]}>{o.status}</Badge> {orderSummary(o, timeZone)}
              {o.revokeReason ? (
                <span className="block text-slate-600">Revoked: {o.revokeReason}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite && settings ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-teal-800">Write a new order</summary>
          <div className="mt-3">
            <NewOrderForm clientId={clientId} settings={settings} lastWeightKg={lastWeightKg} />
          </div>
        </details>
      ) : null}
    </Card>
  );
}
