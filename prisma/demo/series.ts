import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import { countFlags, type EligibilityFlag } from "@/lib/domain/screening/eligibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/server/core/db";
import { loadDemoDosing } from "./dosing";
import { loadDemoMeasures } from "./measures";
import { addMinutes, daysAgo, localAt } from "./time";

type SessionKind = "PREPARATION" | "DOSING" | "INTEGRATION" | "FOLLOW_UP" | "CLOSING";
type SessionStatus = "SCHEDULED" | "COMPLETED";
const MINUTES: Record<SessionKind, number> = {
  PREPARATION: 90,
  DOSING: 180,
  INTEGRATION: 60,
  FOLLOW_UP: 30,
  CLOSING: 60,
};

/** [kind, days from today, hour, dose number] */
type Plan = [SessionKind, number, number, number?][];

const QUINN: Plan = [
  ["PREPARATION", -28, 10],
  ["PREPARATION", -21, 10],
  ["DOSING", -14, 9, 1],
  ["INTEGRATION", -12, 16, 1],
  // Dose 2 eight days ago: dose 3 may go ahead from yesterday on without breaking the 2-in-7-days
  // limit (tests/e2e/dosing runs it earlier than planned).
  ["DOSING", -8, 9, 2],
  ["INTEGRATION", -6, 16, 2],
  ["FOLLOW_UP", -3, 12],
  // Dose 3 two days ahead: its pre-dose questionnaires are already open in Quinn's portal.
  ["DOSING", 2, 9, 3],
  ["INTEGRATION", 4, 16, 3],
  ["DOSING", 9, 9, 4],
  ["INTEGRATION", 11, 16, 4],
];
const SULLIVANS: Plan = [
  ["PREPARATION", -10, 17],
  ["PREPARATION", -3, 17],
  ["DOSING", 4, 9, 1],
  ["INTEGRATION", 6, 17, 1],
  ["DOSING", 11, 9, 2],
  ["INTEGRATION", 13, 17, 2],
];
const AVERY: Plan = [
  ["PREPARATION", -120, 10],
  ["DOSING", -113, 9, 1],
  ["INTEGRATION", -111, 10, 1],
  ["DOSING", -106, 9, 2],
  ["INTEGRATION", -104, 10, 2],
  ["FOLLOW_UP", -101, 12],
  ["DOSING", -99, 9, 3],
  ["INTEGRATION", -97, 10, 3],
  ["CLOSING", -90, 10],
];

type Practice = { id: string; timeZone: string };

async function createSeries(
  tx: Tx,
  practice: Practice,
  opts: {
    templateId: string;
    therapistId: string;
    prescriberId: string;
    clientIds: string[];
    status: "ACTIVE" | "COMPLETED";
    plan: Plan;
    intention: string;
  },
) {
  const now = new Date();
  const series = await tx.series.create({
    data: {
      practiceId: practice.id,
      kind: opts.clientIds.length > 1 ? "COUPLE" : "INDIVIDUAL",
      protocolTemplateId: opts.templateId,
      status: opts.status,
      therapistId: opts.therapistId,
      prescriberId: opts.prescriberId,
      intention: opts.intention,
      location: "Cedar Grove, Room 2",
      participants: { create: opts.clientIds.map((clientId) => ({ clientId })) },
    },
  });
  await tx.session.createMany({
    data: opts.plan.map(([kind, days, hour, sequence]) => {
      const startsAt = localAt(practice.timeZone, days, hour);
      const status: SessionStatus = startsAt < now ? "COMPLETED" : "SCHEDULED";
      return {
        seriesId: series.id,
        kind,
        sequence: sequence ?? null,
        startsAt,
        endsAt: addMinutes(startsAt, MINUTES[kind]),
        status,
        location: "Cedar Grove, Room 2",
        clinicianId: kind === "FOLLOW_UP" ? opts.prescriberId : opts.therapistId,
      };
    }),
  });
  if (opts.clientIds.length > 1) {
    // A couple's preparation and integration count for a partner only when recorded as attending:
    // both partners came to every session that has taken place.
    const attended = await tx.session.findMany({
      where: { seriesId: series.id, status: "COMPLETED", kind: { in: ["PREPARATION", "INTEGRATION"] } },
      select: { id: true, endsAt: true },
    });
    await tx.sessionAttendance.createMany({
      data: attended.flatMap((s) =>
        opts.clientIds.map((clientId) => ({
          sessionId: s.id,
          clientId,
          attended: true,
          recordedById: opts.therapistId,
          recordedAt: s.endsAt,
        })),
      ),
    });
  }
  return series.id;
}

/** Screenings for clients past intake, and the three demo series. */
export async function loadDemoSeries(
  tx: Tx,
  practice: Practice,
  staff: Record<string, string>,
  clients: Record<string, string>,
  intakes: Record<string, { intakeId: string; flags: EligibilityFlag[] }>,
) {
  const id = (key: string, map: Record<string, string>) => {
    const v = map[key];
    if (!v) throw new Error(`demo: unknown ${key}`);
    return v;
  };
  const waiting = [
    { client: "riley", days: 2 },
    { client: "taylor", days: 5 },
  ];
  const fromIntake = (key: string) => {
    const intake = intakes[key];
    if (!intake) throw new Error(`demo: no intake for ${key}`);
    const counts = countFlags(intake.flags);
    return {
      intakeResponseId: intake.intakeId,
      flags: intake.flags as unknown as Prisma.InputJsonValue,
      absoluteFlagCount: counts.absolute,
      relativeFlagCount: counts.relative,
    };
  };
  for (const w of waiting) {
    await tx.screening.create({
      data: {
        practiceId: practice.id,
        clientId: id(w.client, clients),
        createdAt: daysAgo(w.days),
        ...fromIntake(w.client),
      },
    });
  }
  const decided = [
    { client: "morgan", prescriber: "prescriber", decision: "ELIGIBLE", days: 6 },
    { client: "jamie", prescriber: "prescriber", decision: "ELIGIBLE", days: 9 },
    { client: "quinn", prescriber: "prescriber", decision: "ELIGIBLE", days: 35 },
    { client: "noah", prescriber: "prescriber", decision: "ELIGIBLE", days: 18 },
    { client: "emma", prescriber: "prescriber", decision: "ELIGIBLE", days: 18 },
    { client: "avery", prescriber: "prescriber2", decision: "ELIGIBLE", days: 130 },
    { client: "drew", prescriber: "prescriber2", decision: "NOT_ELIGIBLE", days: 12 },
  ] as const;
  for (const d of decided) {
    await tx.screening.create({
      data: {
        practiceId: practice.id,
        clientId: id(d.client, clients),
        ...fromIntake(d.client),
        status: "SIGNED",
        decision: d.decision,
        rationale:
          d.decision === "ELIGIBLE"
            ? "No contraindications found on intake review; vitals and medications reviewed."
            : "History of a primary psychotic disorder reported on intake.",
        diagnosisCode: d.decision === "ELIGIBLE" ? "F33.1" : null,
        diagnosisLabel: d.decision === "ELIGIBLE" ? "Major depressive disorder, recurrent, moderate" : null,
        prescriberId: id(d.prescriber, staff),
        createdAt: daysAgo(d.days + 2),
        signedAt: daysAgo(d.days),
      },
    });
  }
  const template = await tx.protocolTemplate.create({
    data: {
      practiceId: practice.id,
      name: "Standard KAP series",
      isDefault: true,
      plan: DEFAULT_PROTOCOL_PLAN as unknown as Prisma.InputJsonValue,
    },
  });
  const therapistId = id("therapist", staff);
  await createSeries(tx, practice, {
    templateId: template.id,
    therapistId,
    prescriberId: id("prescriber", staff),
    clientIds: [id("quinn", clients)],
    status: "ACTIVE",
    plan: QUINN,
    intention: "Loosen the grip of long-standing depression and reconnect with creative work.",
  });
  await createSeries(tx, practice, {
    templateId: template.id,
    therapistId,
    prescriberId: id("prescriber", staff),
    clientIds: [id("noah", clients), id("emma", clients)],
    status: "ACTIVE",
    plan: SULLIVANS,
    intention: "Step out of the pursue-withdraw cycle and rebuild trust after a hard year.",
  });
  await createSeries(tx, practice, {
    templateId: template.id,
    therapistId,
    prescriberId: id("prescriber2", staff),
    clientIds: [id("avery", clients)],
    status: "COMPLETED",
    plan: AVERY,
    intention: "Process grief and treatment-resistant depression.",
  });
  await loadDemoDosing(tx, staff, clients);
  await loadDemoMeasures(tx, clients);
}
