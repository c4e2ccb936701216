import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { getCaseload } from "@/lib/server/clients/caseload";
import { listClients } from "@/lib/server/clients/client-list";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import type { Db } from "@/lib/server/core/db";
import { listClientOrders } from "@/lib/server/dosing/dosing-orders";
import { listLiveDosing } from "@/lib/server/dosing/live-view";
import { ownOpenMeasureRequests } from "@/lib/server/measures/measure-requests";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { listCalendarSessions } from "@/lib/server/scheduling/calendar";
import { calendarFeedStatus } from "@/lib/server/scheduling/calendar-feed";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";

/**
 * Database round trips per page and per JSON API, counted statement by statement
 * (SQL sent to PostgreSQL, not transactions), with a practice big enough that a
 * query per client or per row would show. Each page's count includes the
 * per-request session check and the audit rows it writes.
 */
const BUDGET = 5;
const CLIENTS = 60;
const IP = "203.0.113.50";

type Logged = PrismaClient<"query">;
const holder = globalThis as unknown as { kapstonePrisma?: Db };
let previous: Db | undefined;
let client: Logged;
let statements: string[] | null = null;

beforeAll(() => {
  // db() hands out globalThis.kapstonePrisma: the data layer then uses this logging client.
  previous = holder.kapstonePrisma;
  client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 10 }),
    omit: { user: { passwordHash: true, mfaSecret: true } },
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query", (e) => statements?.push(e.query));
  holder.kapstonePrisma = client as unknown as Db;
});

afterAll(async () => {
  holder.kapstonePrisma = previous;
  await client.$disconnect();
});

/** The SQL statements `work` sends, ignoring transaction control (BEGIN/COMMIT). */
async function statementsOf(work: () => Promise<unknown>) {
  statements = [];
  try {
    await work();
    return statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(s.trim()));
  } finally {
    statements = null;
  }
}

function expectWithinBudget(sql: string[]) {
  if (process.env.QUERY_BUDGET_VERBOSE) console.log(`${sql.length} statements\n${sql.join("\n---\n")}`);
  expect(sql.length, sql.map((s) => s.slice(0, 120)).join("\n")).toBeLessThanOrEqual(BUDGET);
}

const uid = () => Math.random().toString(36).slice(2, 10);
const HOUR = 3_600_000;

/**
 * A practice with a therapist and a prescriber who share CLIENTS clients, each
 * awaiting screening, with an open safety flag, a series of upcoming sessions,
 * a dosing session in progress with vitals, measure requests and a dosing order;
 * and a client with a portal account, consents, intake answers and a series.
 */
async function busyPractice() {
  const db = client;
  const practice = await db.practice.create({
    data: { slug: `budget-${uid()}`, name: "Budget Practice", timeZone: "America/Los_Angeles" },
  });
  const user = (role: "THERAPIST" | "PRESCRIBER" | "CLIENT", name: string) =>
    db.user.create({
      data: { practiceId: practice.id, role, email: `${role.toLowerCase()}-${uid()}@test.example`, name },
    });
  const therapist = await user("THERAPIST", "Maya Therapist");
  const prescriber = await user("PRESCRIBER", "Sam Prescriber");
  const portalUser = await user("CLIENT", "Robin Client");
  const now = Date.now();

  const clientIds = Array.from({ length: CLIENTS }, (_, i) => `qb${uid()}${i}`);
  await db.client.createMany({
    data: clientIds.map((id, i) => ({
      id,
      practiceId: practice.id,
      userId: i === 0 ? portalUser.id : null,
      legalFirstName: "Budget",
      legalLastName: `Client ${String(i).padStart(3, "0")}`,
      dateOfBirth: new Date("1985-05-05T00:00:00Z"),
      state: "CA",
      email: `c-${uid()}@test.example`,
      stage: i === 0 ? "IN_SERIES" : "AWAITING_SCREENING",
    })),
  });
  await db.careTeamMember.createMany({
    data: clientIds.flatMap((clientId) => [
      { clientId, userId: therapist.id, role: "PRIMARY_THERAPIST" as const },
      { clientId, userId: prescriber.id, role: "PRESCRIBER" as const },
    ]),
  });
  await db.screening.createMany({
    data: clientIds.map((clientId, i) => ({
      practiceId: practice.id,
      clientId,
      absoluteFlagCount: i % 3,
      createdAt: new Date(now - (CLIENTS - i) * 60_000),
    })),
  });
  await db.safetyFlag.createMany({
    data: clientIds.map((clientId) => ({ clientId, kind: "SUICIDE_RISK" as const, reason: "PHQ-9 item 9" })),
  });
  await db.measureRequest.createMany({
    data: clientIds.flatMap((clientId) => [
      { clientId, scale: "PHQ9" as const, context: "PRE_DOSE" as const, dueAt: new Date(now - 72 * HOUR) },
      { clientId, scale: "GAD7" as const, context: "PRE_DOSE" as const, dueAt: new Date(now + 24 * HOUR) },
    ]),
  });
  await db.dosingOrder.createMany({
    data: clientIds.map((clientId) => ({
      clientId,
      prescriberId: prescriber.id,
      route: "SUBLINGUAL" as const,
      doseMg: 100,
      maxDoses: 6,
      validUntil: new Date(now + 60 * 24 * HOUR),
    })),
  });
  const seriesIds = clientIds.map(() => `qbs${uid()}`);
  await db.series.createMany({
    data: seriesIds.map((id) => ({
      id,
      practiceId: practice.id,
      kind: "INDIVIDUAL" as const,
      status: "ACTIVE" as const,
      therapistId: therapist.id,
      prescriberId: prescriber.id,
    })),
  });
  await db.seriesParticipant.createMany({
    data: seriesIds.map((seriesId, i) => ({ seriesId, clientId: clientIds[i] as string })),
  });
  // Per series: a dosing session in progress now, then a preparation and an integration ahead.
  const sessionRows = seriesIds.flatMap((seriesId, i) => [
    {
      id: `qbd${i}${uid()}`,
      seriesId,
      kind: "DOSING" as const,
      sequence: 1,
      status: "IN_PROGRESS" as const,
      startsAt: new Date(now - HOUR),
      endsAt: new Date(now + 2 * HOUR),
      clinicianId: therapist.id,
    },
    {
      seriesId,
      kind: "INTEGRATION" as const,
      sequence: 1,
      startsAt: new Date(now + (24 + i) * HOUR),
      endsAt: new Date(now + (25 + i) * HOUR),
      clinicianId: therapist.id,
    },
    {
      seriesId,
      kind: "FOLLOW_UP" as const,
      startsAt: new Date(now + (48 + i) * HOUR),
      endsAt: new Date(now + (49 + i) * HOUR),
      clinicianId: prescriber.id,
    },
  ]);
  await db.session.createMany({ data: sessionRows });
  const dosingSessions = sessionRows.filter((s) => s.kind === "DOSING");
  const recordIds = dosingSessions.map(() => `qbr${uid()}`);
  await db.dosingRecord.createMany({
    data: dosingSessions.map((s, i) => ({
      id: recordIds[i],
      sessionId: s.id as string,
      clientId: clientIds[i] as string,
      doseGivenAt: new Date(now - 30 * 60_000),
    })),
  });
  await db.vitalSign.createMany({
    data: recordIds.flatMap((dosingRecordId) =>
      [0, 15, 30].map((m) => ({
        dosingRecordId,
        takenAt: new Date(now - (30 - m) * 60_000),
        minuteMark: m,
        systolic: 150,
        diastolic: 90,
        heartRate: 80,
        spo2: 97,
        alerts: m === 30 ? ["systolic-high"] : [],
        recordedById: therapist.id,
      })),
    ),
  });
  await db.adverseEvent.createMany({
    data: recordIds.map((dosingRecordId) => ({
      dosingRecordId,
      kind: "NAUSEA_VOMITING" as const,
      severity: "MILD" as const,
      occurredAt: new Date(now - 10 * 60_000),
      recordedById: therapist.id,
    })),
  });

  // The portal client: consents (one renewed since signing), intake answers and measures.
  const portalClientId = clientIds[0] as string;
  const docs = await db.consentDocument.createManyAndReturn({
    data: [
      {
        practiceId: practice.id,
        kind: "KAP_INFORMED_CONSENT" as const,
        version: 1,
        title: "KAP",
        body: "v1",
      },
      {
        practiceId: practice.id,
        kind: "RELEASE_OF_INFORMATION" as const,
        version: 1,
        title: "ROI",
        body: "v1",
      },
    ],
  });
  await db.consentSignature.createMany({
    data: docs.map((d) => ({
      clientId: portalClientId,
      documentId: d.id,
      typedName: "Budget Client",
      signedByUserId: portalUser.id,
    })),
  });
  await db.consentDocument.update({ where: { id: docs[0]?.id }, data: { retiredAt: new Date() } });
  await db.consentDocument.create({
    data: { practiceId: practice.id, kind: "KAP_INFORMED_CONSENT", version: 2, title: "KAP", body: "v2" },
  });
  await db.formResponse.create({ data: { clientId: portalClientId, kind: "INTAKE", status: "SUBMITTED" } });
  await db.measureResponse.createMany({
    data: (["PHQ9", "GAD7", "PCL5"] as const).map((scale) => ({
      clientId: portalClientId,
      scale,
      context: "INTAKE" as const,
      answers: {},
      total: 3,
      band: "minimal",
    })),
  });

  const signedIn = async (u: typeof therapist, clientId: string | null = null) => {
    const sessionId = await createAuthSession(u, IP, "vitest");
    return { sessionId, clientId };
  };
  return {
    practice,
    therapist: await signedIn(therapist),
    prescriber: await signedIn(prescriber),
    portal: await signedIn(portalUser, portalClientId),
    clientIds,
  };
}

/** The per-request session check every page and API starts with. */
async function session(s: { sessionId: string }): Promise<Actor> {
  const actor = await resolveSession(s.sessionId, IP);
  if (!actor) throw new Error("session did not resolve");
  return actor;
}

describe("queries per page and per API", () => {
  let p: Awaited<ReturnType<typeof busyPractice>>;
  beforeAll(async () => {
    p = await busyPractice();
  });

  it("caseload (therapist and prescriber)", async () => {
    for (const who of [p.therapist, p.prescriber]) {
      const sql = await statementsOf(async () => {
        const page = await getCaseload(await session(who), 1);
        expect(page.items).toHaveLength(25);
      });
      expectWithinBudget(sql);
    }
  });

  it("clients list and /api/clients", async () => {
    const sql = await statementsOf(async () => {
      const page = await listClients(await session(p.therapist), { page: 2 });
      expect(page.items).toHaveLength(25);
    });
    expectWithinBudget(sql);
  });

  it("schedule page and /api/calendar/sessions", async () => {
    const page = await statementsOf(async () => calendarFeedStatus(await session(p.therapist)));
    expectWithinBudget(page);
    const api = await statementsOf(async () => {
      const sessions = await listCalendarSessions(await session(p.therapist), {
        from: new Date(Date.now() - 2 * HOUR).toISOString(),
        to: new Date(Date.now() + 14 * 24 * HOUR).toISOString(),
      });
      expect(sessions.length).toBeGreaterThanOrEqual(CLIENTS * 2);
    });
    expectWithinBudget(api);
  });

  it("screening queue page and /api/screenings/queue, with one audit row per client shown", async () => {
    let shown: string[] = [];
    const sql = await statementsOf(async () => {
      const queue = await listScreeningQueue(await session(p.prescriber), { page: 1, filter: "all" });
      expect(queue.items).toHaveLength(25);
      shown = queue.items.map((r) => r.client.id);
    });
    expectWithinBudget(sql);
    const rows = await client.auditEvent.findMany({
      where: { action: "screening.queue", practiceId: p.practice.id },
      select: { clientId: true, recordId: true, actorRole: true, ip: true, outcome: true, detail: true },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([...shown].sort());
    expect(rows[0]).toMatchObject({ actorRole: "PRESCRIBER", ip: IP, outcome: "OK", detail: null });
  });

  it("portal home", async () => {
    const sql = await statementsOf(async () => {
      const actor = await session(p.portal);
      const home = await getPortalHome(actor);
      expect(home.upcoming.length).toBeGreaterThan(0);
      expect(home.consentsToRenew).toHaveLength(1);
      if (!home.checklist) await ownOpenMeasureRequests(actor);
    });
    expectWithinBudget(sql);
  });

  it("a client's page", async () => {
    const sql = await statementsOf(async () => {
      const actor = await session(p.prescriber);
      const id = p.clientIds[5] as string;
      const summary = await getClientSummary(actor, id);
      expect(summary.safetyFlags).toHaveLength(1);
      await listClientOrders(actor, id);
    });
    expectWithinBudget(sql);
  });

  it("live dosing (/api/dosing/live)", async () => {
    const sql = await statementsOf(async () => {
      const live = await listLiveDosing(await session(p.prescriber));
      expect(live).toHaveLength(CLIENTS);
    });
    expectWithinBudget(sql);
  });

  it("the session check is one statement, plus a lastSeenAt write at most once a minute", async () => {
    const backdate = () =>
      client.authSession.update({
        where: { id: p.therapist.sessionId },
        data: { lastSeenAt: new Date(Date.now() - 2 * 60_000) },
      });
    await backdate();
    expect(await statementsOf(() => session(p.therapist))).toHaveLength(2);
    expect(await statementsOf(() => session(p.therapist))).toHaveLength(1);
  });

  it("the lookups that grow with a practice's history have indexes", async () => {
    // prisma/migrations/*_perf_indexes: without them the caseload scans every dosing
    // record once per client shown, and the calendar every past session.
    const rows = await client.$queryRaw<{ indexname: string }[]>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE schemaname = 'public'`;
    const names = rows.map((r) => r.indexname);
    for (const index of [
      "DosingRecord_clientId_status_idx",
      "AdverseEvent_dosingRecordId_idx",
      "Session_endsAt_idx",
      "InformationRequest_screeningId_idx",
    ]) {
      expect(names).toContain(index);
    }
  });
});
