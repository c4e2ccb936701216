import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { addDosingAddendum, beginDosingDay, getDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder, listClientOrders, revokeDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addAdverseEvent, addVitals, reviewAdverseEvent, skipReadings } from "@/lib/server/dosing/monitoring";
import { recordBooster } from "@/lib/server/dosing/record-booster";
import { completeRecord, recordDischarge, signRecord } from "@/lib/server/dosing/record-closing";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { failureOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";

describe("bad input is a VALIDATION error with field errors, never a crash", () => {
  const malformed: unknown[] = [
    undefined,
    null,
    42,
    "text",
    [],
    {},
    { recordId: 42, version: "1" },
    { recordId: null, version: null },
    { recordId: "../etc", version: 1.5 },
    { clientId: 7, order: "2027-01-01" },
    { clientId: "abc", order: null },
    { clientId: "abc", order: { validUntil: 5 } },
    { orderId: ["x"], reason: 12 },
    { recordId: "abc", checklist: null, reading: "high", givenAt: "yesterday", body: 3 },
  ];
  const badIds: unknown[] = [undefined, null, 42, "", {}, [], "../etc", "a".repeat(500)];

  it("for every dosing write (and the id-only reads)", async () => {
    const s = await createScene();
    const { therapist, prescriber } = s.actors;
    const writes: [string, Actor, (actor: Actor, input: never) => Promise<unknown>, unknown[]][] = [
      ["createDosingOrder", prescriber, createDosingOrder, malformed],
      ["revokeDosingOrder", prescriber, revokeDosingOrder, malformed],
      ["submitChecklist", therapist, submitChecklist, malformed],
      ["overrideChecklist", prescriber, overrideChecklist, malformed],
      ["recordDose", therapist, recordDose, malformed],
      ["recordBooster", therapist, recordBooster, malformed],
      ["addVitals", therapist, addVitals, malformed],
      ["skipReadings", therapist, skipReadings, malformed],
      ["addAdverseEvent", therapist, addAdverseEvent, malformed],
      ["recordDischarge", therapist, recordDischarge, malformed],
      ["completeRecord", therapist, completeRecord, malformed],
      ["signRecord", prescriber, signRecord, malformed],
      ["addDosingAddendum", therapist, addDosingAddendum, malformed],
      ["reviewAdverseEvent", prescriber, reviewAdverseEvent, badIds],
      ["beginDosingDay", therapist, beginDosingDay, badIds],
      ["getDosingDay", therapist, getDosingDay, badIds],
      ["listClientOrders", prescriber, listClientOrders, badIds],
    ];
    const wrong: string[] = [];
    for (const [name, actor, fn, inputs] of writes) {
      for (const input of inputs) {
        const e = await failureOf(Promise.resolve().then(() => fn(actor, input as never)));
        const ok =
          e instanceof AppError && e.code === "VALIDATION" && Object.keys(e.fieldErrors ?? {}).length > 0;
        if (!ok)
          wrong.push(`${name}(${JSON.stringify(input)}): ${e instanceof AppError ? e.code : String(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
