import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getCaseload } from "@/lib/server/clients/caseload";
import { listClients } from "@/lib/server/clients/client-list";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { db } from "@/lib/server/core/db";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";
import { getScreeningReview } from "@/lib/server/screening/screening-review";
import { auditRowsFor, createScene } from "../../fixtures/factory";

const Q = { page: 1, filter: "all" } as const;
const code = async (p: Promise<unknown>) => {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

describe("who may see a client", () => {
  it("gives a therapist not on the care team a not-found, and audits the denial", async () => {
    const s = await createScene();
    expect(await code(getClientSummary(s.actors.otherTherapist, s.clientA.id))).toBe("NOT_FOUND");
    const rows = await auditRowsFor(s.clientA.id);
    expect(rows[0]).toMatchObject({
      action: "client.read",
      outcome: "DENIED",
      actorUserId: s.otherTherapist.id,
      actorRole: "THERAPIST",
      ip: "203.0.113.7",
    });
  });

  it("lets the care team's therapist read, and audits the read", async () => {
    const s = await createScene();
    const client = await getClientSummary(s.actors.therapist, s.clientA.id);
    expect(client.id).toBe(s.clientA.id);
    const rows = await auditRowsFor(s.clientA.id);
    expect(rows[0]).toMatchObject({ action: "client.read", outcome: "OK", clientId: s.clientA.id });
  });

  it("lets a client see only themself", async () => {
    const s = await createScene();
    expect((await getClientSummary(s.actors.clientA, s.clientA.id)).id).toBe(s.clientA.id);
    expect(await code(getClientSummary(s.actors.clientA, s.clientB.id))).toBe("NOT_FOUND");
    expect(await code(listClients(s.actors.clientA, { page: 1 }))).toBe("FORBIDDEN");
    const home = await getPortalHome(s.actors.clientA);
    expect(home.client.id).toBe(s.clientA.id);
  });

  it("scopes lists: a therapist's list holds only their care team", async () => {
    const s = await createScene();
    const list = await listClients(s.actors.therapist, { page: 1 });
    expect(list.items.map((c) => c.id)).toEqual([s.clientA.id]);
    const all = await listClients(s.actors.admin, { page: 1 });
    expect(all.items.map((c) => c.id).sort()).toEqual([s.clientA.id, s.clientB.id].sort());
  });

  it("never shows another practice's clients, even to its admin", async () => {
    const s = await createScene();
    const other = await createScene();
    expect(await code(getClientSummary(other.actors.admin, s.clientA.id))).toBe("NOT_FOUND");
    const list = await listClients(other.actors.admin, { page: 1 });
    expect(list.items.map((c) => c.id)).not.toContain(s.clientA.id);
  });

  it("lets a prescriber review a screening awaiting review in their practice, and nothing more of the record", async () => {
    const s = await createScene();
    expect(await code(getClientSummary(s.actors.prescriber, s.clientA.id))).toBe("NOT_FOUND");
    const screening = await db().screening.create({
      data: { practiceId: s.practice.id, clientId: s.clientA.id },
    });
    const review = await getScreeningReview(s.actors.prescriber, screening.id);
    expect(review.screening.client.id).toBe(s.clientA.id);
    expect(review.canOpenClientRecord).toBe(false);
    // The queue opens the screening, not the client's notes, sessions or dosing records.
    expect(await code(getClientSummary(s.actors.prescriber, s.clientA.id))).toBe("NOT_FOUND");
    const other = await createScene();
    expect(await code(getScreeningReview(other.actors.prescriber, screening.id))).toBe("NOT_FOUND");
    const queue = await listScreeningQueue(s.actors.prescriber, Q);
    expect(queue.items.map((r) => r.client.id)).toEqual([s.clientA.id]);
    expect(await code(listScreeningQueue(s.actors.therapist, Q))).toBe("FORBIDDEN");
    expect(await code(listScreeningQueue(s.actors.clientA, Q))).toBe("FORBIDDEN");
  });

  it("refuses role-level actions with FORBIDDEN and audits them", async () => {
    const s = await createScene();
    expect(await code(getCaseload(s.actors.clientA, 1))).toBe("FORBIDDEN");
    const denied = await db().auditEvent.findFirst({
      where: { actorUserId: s.actors.clientA.userId, outcome: "DENIED" },
    });
    expect(denied?.action).toBe("client.list");
  });
});

describe("each data-layer read writes its audit row", () => {
  it("caseload: one row per client shown", async () => {
    const s = await createScene();
    const page = await getCaseload(s.actors.therapist, 1);
    expect(page.items.map((c) => c.id)).toEqual([s.clientA.id]);
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, action: "caseload.read" },
    });
    expect(rows.map((r) => r.clientId)).toEqual([s.clientA.id]);
  });

  it("client list: one row per client shown", async () => {
    const s = await createScene();
    await listClients(s.actors.admin, { page: 1 });
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.admin.id, action: "client.list" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, s.clientB.id].sort());
  });

  it("portal home: the client's own read", async () => {
    const s = await createScene();
    await getPortalHome(s.actors.clientA);
    const rows = await auditRowsFor(s.clientA.id);
    expect(rows[0]).toMatchObject({
      action: "portal.home",
      actorUserId: s.actors.clientA.userId,
      outcome: "OK",
    });
  });
});
