import { describe, expect, it } from "vitest";
import { changeUserRole, ROLE_CHANGE_REVOKE_REASON, setUserDisabled } from "@/lib/server/admin/users";
import { db } from "@/lib/server/core/db";
import { createScene, createUser } from "../../fixtures/factory";
import { insertDosingOrder } from "../../fixtures/journey";

describe("managing users", () => {
  it("admins cannot lock themselves out or move clients into staff roles", async () => {
    const s = await createScene();
    await expect(setUserDisabled(s.actors.admin, { userId: s.admin.id, disabled: true })).rejects.toThrow(
      /own account/,
    );
    const clientUser = await db().user.findFirstOrThrow({
      where: { practiceId: s.practice.id, role: "CLIENT" },
    });
    await expect(changeUserRole(s.actors.admin, { userId: clientUser.id, role: "ADMIN" })).rejects.toThrow(
      /client/,
    );
    await expect(
      setUserDisabled(s.actors.therapist, { userId: s.otherTherapist.id, disabled: true }),
    ).rejects.toThrow(/permission/);
  });
});

describe("a role change", () => {
  it("revokes every unrevoked order the user wrote, in the same transaction, with an audit row per order", async () => {
    const s = await createScene();
    const a = await insertDosingOrder(s);
    const b = await insertDosingOrder(s, { clientId: s.clientB.id, doseMg: 150 });
    const earlier = await insertDosingOrder(s, {
      revokedAt: new Date(Date.now() - 86_400_000),
      revokeReason: "Blood pressure rose at the last dose.",
    });
    const colleague = await createUser(s.practice.id, "PRESCRIBER");
    const theirs = await insertDosingOrder(s, { prescriberId: colleague.id });

    await changeUserRole(s.actors.admin, { userId: s.prescriber.id, role: "THERAPIST" });

    const orders = await db().dosingOrder.findMany({
      where: { id: { in: [a.id, b.id, earlier.id, theirs.id] } },
    });
    const byId = Object.fromEntries(orders.map((o) => [o.id, o]));
    for (const o of [a, b]) {
      expect(byId[o.id]?.revokedAt).not.toBeNull();
      expect(byId[o.id]?.revokeReason).toBe(ROLE_CHANGE_REVOKE_REASON);
    }
    // An order already revoked keeps its reason; a colleague's stays in force.
    expect(byId[earlier.id]?.revokeReason).toBe("Blood pressure rose at the last dose.");
    expect(byId[theirs.id]?.revokedAt).toBeNull();

    const rows = await db().auditEvent.findMany({
      where: { action: "dosing_order.revoke", recordId: { in: [a.id, b.id, earlier.id, theirs.id] } },
    });
    expect(rows.map((r) => r.recordId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.find((r) => r.recordId === b.id)).toMatchObject({
      actorUserId: s.admin.id,
      clientId: s.clientB.id,
      outcome: "OK",
    });
    expect(rows[0]?.detail).toMatchObject({
      reason: ROLE_CHANGE_REVOKE_REASON,
      prescriberId: s.prescriber.id,
      from: "PRESCRIBER",
      to: "THERAPIST",
    });
  });

  it("revokes nothing when the role does not change", async () => {
    const s = await createScene();
    const a = await insertDosingOrder(s);
    await changeUserRole(s.actors.admin, { userId: s.prescriber.id, role: "PRESCRIBER" });
    expect((await db().dosingOrder.findUniqueOrThrow({ where: { id: a.id } })).revokedAt).toBeNull();
  });
});
