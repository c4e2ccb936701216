import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { displayName } from "@/lib/domain/clients/display-name";
import { readProtocolPlan } from "@/lib/domain/scheduling/protocol";
import {
  type IntegrationWindow,
  planSeries,
  planWarnings,
  validatePlanOrder,
} from "@/lib/domain/scheduling/series-plan";
import { AppError } from "@/lib/errors";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { syncMeasureRequests } from "@/lib/server/measures/measure-requests";
import {
  type CreateSeriesInput,
  createSeriesSchema,
  type PlanSeriesFormInput,
  participantsOf,
  planSeriesSchema,
} from "@/lib/validation/scheduling";
import { busyBlocks, conflictsFor, lockScheduling, type SchedulingParty, type Slot } from "./conflicts";

type Plan = ReturnType<typeof planSeriesSchema.parse>;

/** The clients, prescriber and template of a plan, checked against what the actor may use. */
async function loadParty(tx: Tx, actor: Actor, plan: Plan) {
  const [clients, prescriber, template, practice] = await Promise.all([
    tx.client.findMany({
      where: { id: { in: participantsOf(plan) }, ...clientScope(actor) },
      select: clientNameSelect,
    }),
    tx.user.findFirst({
      where: { id: plan.prescriberId, practiceId: actor.practiceId, role: "PRESCRIBER", disabledAt: null },
      select: { id: true, name: true },
    }),
    tx.protocolTemplate.findFirst({
      where: { id: plan.protocolTemplateId, practiceId: actor.practiceId, archivedAt: null },
      select: { id: true, plan: true },
    }),
    tx.practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { settings: true } }),
  ]);
  if (clients.length !== participantsOf(plan).length) {
    return deniedAsNotFound(actor, {
      action: "series.schedule",
      recordType: "Client",
      recordId: participantsOf(plan).join(","),
    });
  }
  const fieldError = (field: string, message: string) =>
    new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });
  if (!prescriber) throw fieldError("prescriberId", "Choose a prescriber of this practice.");
  if (!template) throw fieldError("protocolTemplateId", "Choose one of the practice's protocol templates.");
  const party: SchedulingParty = {
    therapist: { id: actor.userId, label: actor.name },
    prescriber: { id: prescriber.id, label: prescriber.name },
    clients: participantsOf(plan).map((id) => {
      const c = clients.find((x) => x.id === id);
      return { id, label: c ? displayName(c) : id };
    }),
  };
  return {
    party,
    protocol: readProtocolPlan(template.plan),
    integration: integrationWindowOf(practice.settings, actor.timeZone),
  };
}

/** The practice's integration window (docs/clinical-rules.md §1), read from its settings. */
export function integrationWindowOf(settings: unknown, timeZone: string): IntegrationWindow {
  const { integrationMinDays, integrationMaxDays } = readPracticeSettings(settings);
  return { minDays: integrationMinDays, maxDays: integrationMaxDays, timeZone };
}

/** Pickers for the plan form: the practice's templates and prescribers, and the actor's clients. */
export async function seriesPlanningOptions(actor: Actor) {
  await authorize(actor, "schedule", "series");
  const [templates, prescribers, clients] = await Promise.all([
    db().protocolTemplate.findMany({
      where: { practiceId: actor.practiceId, archivedAt: null },
      orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      select: { id: true, name: true, isDefault: true, plan: true },
    }),
    db().user.findMany({
      where: { practiceId: actor.practiceId, role: "PRESCRIBER", disabledAt: null },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    db().client.findMany({
      where: clientScope(actor),
      orderBy: [{ legalLastName: "asc" }, { legalFirstName: "asc" }],
      take: 500,
      select: {
        ...clientNameSelect,
        stage: true,
        careTeam: {
          where: { role: "PRESCRIBER", removedAt: null, user: { role: "PRESCRIBER" } },
          select: { userId: true },
        },
      },
    }),
  ]);
  await auditMany(
    actor,
    clients.map((c) => ({
      action: "series.plan_options",
      recordType: "Client",
      recordId: c.id,
      clientId: c.id,
    })),
  );
  return {
    templates: templates.map((t) => ({ ...t, plan: readProtocolPlan(t.plan) })),
    prescribers,
    clients: clients.map((c) => ({
      id: c.id,
      name: displayName(c),
      stage: c.stage,
      prescriberId: c.careTeam[0]?.userId ?? null,
    })),
  };
}

function slotsOf(sessions: { kind: string; startsAt: Date; endsAt: Date }[]): Slot[] {
  return sessions.map((s, i) => ({ key: String(i), kind: s.kind, startsAt: s.startsAt, endsAt: s.endsAt }));
}

/** Lays out the whole series and checks every session for conflicts; creates nothing. */
export async function previewSeries(actor: Actor, input: PlanSeriesFormInput) {
  await authorize(actor, "schedule", "series");
  const plan = parseOrThrow(planSeriesSchema, input);
  const { party, protocol, integration } = await loadParty(db(), actor, plan);
  const sessions = planSeries({
    plan: protocol,
    startDate: plan.startDate,
    cadence: plan.cadence,
    weekday: plan.weekday,
    time: plan.time,
    timeZone: actor.timeZone,
  });
  const first = sessions[0]?.startsAt ?? new Date();
  const last = sessions.at(-1)?.endsAt ?? first;
  const busy = await busyBlocks(db(), party, first, last);
  const conflicts = conflictsFor(slotsOf(sessions), busy, party);
  await auditMany(
    actor,
    party.clients.map((c) => ({
      action: "series.preview",
      recordType: "Client",
      recordId: c.id,
      clientId: c.id,
    })),
  );
  const order = { followUpAfterDose: protocol.followUpAfterDose, integrationWindow: integration };
  return {
    sessions: sessions.map((s, i) => ({ ...s, conflicts: conflicts[i]?.conflicts ?? [] })),
    followUpAfterDose: protocol.followUpAfterDose,
    /** The practice's integration window, so the plan can be checked again as it is edited. */
    integrationWindow: { minDays: integration.minDays, maxDays: integration.maxDays },
    problems: validatePlanOrder(sessions, order),
    warnings: planWarnings(sessions, integration),
  };
}

/**
 * Creates the series and all its sessions in one transaction. Any conflict or an
 * out-of-order plan creates nothing. Scheduling for the people involved is
 * serialised so that two plans cannot both take the same hour.
 */
export async function createSeries(actor: Actor, input: CreateSeriesInput) {
  await authorize(actor, "schedule", "series");
  const { plan, sessions } = parseOrThrow(createSeriesSchema, input);
  const ordered = [...sessions].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return transaction(actor, async (tx) => {
    const { party, protocol, integration } = await loadParty(tx, actor, plan);
    const problems = validatePlanOrder(ordered, {
      followUpAfterDose: protocol.followUpAfterDose,
      integrationWindow: integration,
    });
    if (problems.length > 0) {
      throw new AppError(
        "VALIDATION",
        `The plan is out of order: ${problems.map((p) => p.message).join(" ")}`,
      );
    }
    await lockScheduling(tx, [party.therapist.id, party.prescriber?.id ?? "", ...participantsOf(plan)]);
    const first = ordered[0]?.startsAt ?? new Date();
    const last = new Date(Math.max(first.getTime(), ...ordered.map((s) => s.endsAt.getTime())));
    const clashes = conflictsFor(slotsOf(ordered), await busyBlocks(tx, party, first, last), party).filter(
      (c) => c.conflicts.length > 0,
    );
    if (clashes.length > 0) {
      const c = clashes[0];
      const at = ordered[Number(c?.key)]?.startsAt.toISOString() ?? "";
      throw new AppError(
        "CONFLICT",
        `Nothing was created: ${clashes.length} session(s) clash, the first at ${at} (${c?.conflicts[0]?.who}: ${c?.conflicts[0]?.what}).`,
      );
    }
    const series = await tx.series.create({
      data: {
        practiceId: actor.practiceId,
        kind: participantsOf(plan).length > 1 ? "COUPLE" : "INDIVIDUAL",
        status: "ACTIVE",
        protocolTemplateId: plan.protocolTemplateId,
        therapistId: actor.userId,
        prescriberId: party.prescriber?.id,
        intention: plan.intention,
        location: plan.location,
        telehealthUrl: plan.telehealthUrl,
        participants: { create: participantsOf(plan).map((clientId) => ({ clientId })) },
      },
    });
    await tx.session.createMany({
      data: ordered.map((s) => ({
        seriesId: series.id,
        kind: s.kind,
        sequence: s.sequence,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        location: plan.location,
        telehealthUrl: plan.telehealthUrl,
        clinicianId: s.kind === "FOLLOW_UP" && party.prescriber ? party.prescriber.id : actor.userId,
      })),
    });
    await tx.client.updateMany({
      // Clients still in screening keep that stage; preparation can start before the decision.
      where: { id: { in: participantsOf(plan) }, stage: "ELIGIBLE" },
      data: { stage: "IN_SERIES", stageChangedAt: new Date() },
    });
    await syncMeasureRequests(tx, series.id);
    await auditMany(
      actor,
      participantsOf(plan).map((clientId) => ({
        action: "series.create",
        recordType: "Series",
        recordId: series.id,
        clientId,
        detail: { sessions: ordered.length },
      })),
      tx,
    );
    return { seriesId: series.id };
  });
}
