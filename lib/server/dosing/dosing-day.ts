import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { clientScope, seriesScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { displayName } from "@/lib/domain/clients/display-name";
import { lastAdministrationAt } from "@/lib/domain/dosing/order";
import { AppError } from "@/lib/errors";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { audit, auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { changeSessionStatus } from "@/lib/server/scheduling/session-changes";
import { type AddendumInput, addendumSchema, dosingSessionSchema } from "@/lib/validation/dosing";
import { preDoseMeasures } from "./dose-recheck";
import { dosingOrderSelect, orderBoosterSelect, withOrderStatus } from "./dosing-orders";

/**
 * Opens the dosing day: starts the session (the protocol gates must allow it)
 * and creates one record per participant. Safe to call again.
 */
export async function beginDosingDay(actor: Actor, sessionIdInput: string) {
  const { sessionId } = parseOrThrow(dosingSessionSchema, { sessionId: sessionIdInput });
  await authorize(actor, "write", "dosingRecord", { recordType: "Session", recordId: sessionId });
  const session = await db().session.findFirst({
    where: { id: sessionId, kind: "DOSING", deletedAt: null, series: seriesScope(actor) },
    select: {
      id: true,
      status: true,
      version: true,
      series: { select: { participants: { select: { clientId: true } } } },
    },
  });
  if (!session)
    return deniedAsNotFound(actor, {
      action: "dosing_day.begin",
      recordType: "Session",
      recordId: sessionId,
    });
  if (session.status === "SCHEDULED" || session.status === "CONFIRMED") {
    try {
      await changeSessionStatus(actor, { sessionId, version: session.version, action: "start" });
    } catch (e) {
      // A double click (or a colleague) started it a moment ago: carry on with the started session.
      const startedMeanwhile =
        e instanceof AppError &&
        e.code === "CONFLICT" &&
        (await db().session.count({ where: { id: sessionId, status: "IN_PROGRESS" } })) === 1;
      if (!startedMeanwhile) throw e;
    }
  } else if (session.status !== "IN_PROGRESS") {
    throw new AppError("CONFLICT", "This session is not open for dosing.");
  }
  await transaction(actor, async (tx) => {
    // skipDuplicates: a second "begin" keeps the records already there.
    await tx.dosingRecord.createMany({
      data: session.series.participants.map((p) => ({ sessionId, clientId: p.clientId })),
      skipDuplicates: true,
    });
    await auditMany(
      actor,
      session.series.participants.map((p) => ({
        action: "dosing_day.begin",
        recordType: "Session",
        recordId: sessionId,
        clientId: p.clientId,
      })),
      tx,
    );
  });
}

/** A dosing session with every participant's record, their active orders and the practice's thresholds. */
export async function getDosingDay(actor: Actor, sessionIdInput: string) {
  const { sessionId } = parseOrThrow(dosingSessionSchema, { sessionId: sessionIdInput });
  await authorize(actor, "read", "dosingRecord", { recordType: "Session", recordId: sessionId });
  const session = await db().session.findFirst({
    where: { id: sessionId, kind: "DOSING", deletedAt: null, series: seriesScope(actor) },
    select: {
      id: true,
      sequence: true,
      status: true,
      statusReason: true,
      version: true,
      startsAt: true,
      endsAt: true,
      location: true,
      series: {
        select: {
          id: true,
          practice: { select: { settings: true } },
          therapist: { select: { name: true } },
          prescriber: { select: { name: true } },
          participants: {
            select: {
              client: {
                select: {
                  ...clientNameSelect,
                  dosingOrders: {
                    where: { revokedAt: null, validUntil: { gt: new Date() } },
                    orderBy: { createdAt: "desc" },
                    select: dosingOrderSelect,
                  },
                  _count: { select: { safetyFlags: { where: { reviewedAt: null } } } },
                },
              },
            },
          },
        },
      },
      dosingRecords: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          clientId: true,
          status: true,
          checklist: true,
          checklistPassed: true,
          checklistAt: true,
          overrideReason: true,
          overrideAt: true,
          overrideItems: true,
          orderId: true,
          doseMg: true,
          route: true,
          lotNumber: true,
          doseGivenAt: true,
          doseLateReason: true,
          boosterMg: true,
          boosterGivenAt: true,
          boosterLotNumber: true,
          boosterLateReason: true,
          order: { select: orderBoosterSelect },
          discharge: true,
          readyToLeaveAt: true,
          dischargedAt: true,
          completedAt: true,
          createdAt: true,
          signedAt: true,
          version: true,
          vitals: {
            orderBy: { takenAt: "asc" },
            select: {
              id: true,
              takenAt: true,
              minuteMark: true,
              systolic: true,
              diastolic: true,
              heartRate: true,
              spo2: true,
              respiratoryRate: true,
              sedation: true,
              dissociation: true,
              alerts: true,
              lateReason: true,
              createdAt: true,
            },
          },
          skippedReadings: {
            orderBy: { markMinute: "asc" },
            select: { id: true, markMinute: true, reason: true, createdAt: true },
          },
          adverseEvents: {
            orderBy: { occurredAt: "asc" },
            select: {
              id: true,
              reviewedAt: true,
              kind: true,
              severity: true,
              occurredAt: true,
              description: true,
              actionTaken: true,
              rescueMedication: true,
              lateReason: true,
              createdAt: true,
            },
          },
          addenda: {
            orderBy: { createdAt: "asc" },
            select: { id: true, body: true, createdAt: true, author: { select: { name: true } } },
          },
        },
      },
    },
  });
  if (!session)
    return deniedAsNotFound(actor, { action: "dosing_day.read", recordType: "Session", recordId: sessionId });
  await auditMany(
    actor,
    session.series.participants.map(({ client }) => ({
      action: "dosing_day.read",
      recordType: "Session",
      recordId: session.id,
      clientId: client.id,
    })),
  );
  const now = new Date();
  const participants = await Promise.all(
    session.series.participants.map(async ({ client }) => {
      const record = session.dosingRecords.find((r) => r.clientId === client.id) ?? null;
      return {
        id: client.id,
        name: displayName(client),
        orders: client.dosingOrders.map((o) => withOrderStatus(o, now)).filter((o) => o.status === "active"),
        record,
        // The monitoring clock for discharge runs from the last administration.
        lastAdministrationAt: record ? lastAdministrationAt(record) : null,
        dischargeLateReason:
          (record?.discharge as { facts?: { lateReason?: string | null } } | null)?.facts?.lateReason ?? null,
        // What the dose will be re-checked against (lib/server/dosing/dose-recheck.ts).
        preDose: record ? await preDoseMeasures(db(), { ...record, clientId: client.id, sessionId }) : null,
        openSafetyFlags: client._count.safetyFlags,
      };
    }),
  );
  return { session, participants, settings: readPracticeSettings(session.series.practice.settings) };
}

/** A correction or late addition to a signed record, with its own author and time. */
export async function addDosingAddendum(actor: Actor, input: AddendumInput) {
  const data = parseOrThrow(addendumSchema, input);
  // The therapist who wrote it or the prescriber who signs it may add to a signed record.
  const verb = can(actor.role, "write", "dosingRecord") ? "write" : "sign";
  await authorize(actor, verb, "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  const record = await db().dosingRecord.findFirst({
    where: {
      id: data.recordId,
      client: clientScope(actor),
      session: { deletedAt: null, series: { practiceId: actor.practiceId } },
    },
    select: { id: true, clientId: true, status: true },
  });
  if (!record)
    return deniedAsNotFound(actor, {
      action: "dosing_record.addendum",
      recordType: "DosingRecord",
      recordId: data.recordId,
    });
  if (record.status !== "SIGNED")
    throw new AppError("CONFLICT", "Addenda are for signed records; edit the open record instead.");
  await transaction(actor, async (tx) => {
    const addendum = await tx.addendum.create({
      data: { dosingRecordId: record.id, authorId: actor.userId, body: data.body },
    });
    await audit(
      actor,
      {
        action: "dosing_record.addendum",
        recordType: "Addendum",
        recordId: addendum.id,
        clientId: record.clientId,
      },
      tx,
    );
  });
}
