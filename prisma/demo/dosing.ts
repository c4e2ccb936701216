import type { Tx } from "@/lib/server/core/db";
import { addMinutes, daysAgo } from "./time";

const PASSED_CHECKLIST = {
  input: {
    systolic: 124,
    diastolic: 80,
    heartRate: 72,
    spo2: 98,
    hoursSinceFood: 5,
    hoursSinceClearLiquids: 3,
    substances24h: { alcohol: "no", benzodiazepines: "no", cannabis: "no", opioids: "no", stimulants: "no" },
    escort: { setting: "in-person", escortConfirmed: "yes" },
    pregnancy: "not-applicable",
  },
  result: { passed: true, items: [] },
};

/**
 * Every reading of the default schedule (baseline, every 15 minutes to 120, and 40), each a full
 * set: [minutes after the dose, systolic, diastolic, heart rate, respiratory rate, SpO2, sedation,
 * dissociation]. The last one, 10 minutes before the discharge, is within the hold limits.
 */
const READINGS: [number | null, number, number, number, number, number, number, number][] = [
  [null, 124, 80, 72, 14, 98, 5, 0],
  [15, 138, 88, 84, 16, 97, 4, 5],
  [30, 142, 90, 86, 16, 97, 3, 7],
  [40, 146, 92, 88, 15, 96, 3, 7],
  [45, 144, 92, 86, 15, 97, 3, 6],
  [60, 136, 86, 80, 14, 97, 4, 4],
  [75, 132, 84, 78, 14, 98, 4, 3],
  [90, 128, 82, 76, 14, 98, 5, 2],
  [105, 126, 80, 74, 14, 98, 5, 1],
  [120, 124, 80, 74, 14, 98, 5, 0],
];

/** Active orders for the clients in a series, and signed records of Quinn's first two doses. */
export async function loadDemoDosing(tx: Tx, staff: Record<string, string>, clients: Record<string, string>) {
  const prescriberId = staff.prescriber ?? "";
  const therapistId = staff.therapist ?? "";
  const orderFor = (
    clientId: string,
    doseMg: number,
    booster?: { boosterMg: number; boosterEarliestMinute: number; totalMaxMg: number },
  ) =>
    tx.dosingOrder.create({
      data: {
        clientId,
        prescriberId,
        route: "SUBLINGUAL",
        doseMg,
        ...booster,
        maxDoses: 6,
        validUntil: new Date(Date.now() + 90 * 86_400_000),
        instructions: booster
          ? `Hold the troche under the tongue for 15 minutes; a booster of up to ${booster.boosterMg} mg from minute ${booster.boosterEarliestMinute} if the effect is light.`
          : "Two halves 20 minutes apart; hold the troche under the tongue for 15 minutes.",
        createdAt: daysAgo(20),
      },
    });
  // Quinn's order allows a booster (docs/clinical-rules.md §3 "The dose given").
  const quinnOrder = await orderFor(clients.quinn ?? "", 300, {
    boosterMg: 100,
    boosterEarliestMinute: 20,
    totalMaxMg: 400,
  });
  await orderFor(clients.noah ?? "", 200);
  await orderFor(clients.emma ?? "", 200);

  const doses = await tx.session.findMany({
    where: {
      kind: "DOSING",
      sequence: { in: [1, 2] },
      series: { participants: { some: { clientId: clients.quinn } } },
    },
    orderBy: { sequence: "asc" },
  });
  for (const s of doses) {
    const given = addMinutes(s.startsAt, 20);
    const record = await tx.dosingRecord.create({
      data: {
        sessionId: s.id,
        clientId: clients.quinn ?? "",
        orderId: quinnOrder.id,
        checklist: PASSED_CHECKLIST,
        checklistPassed: true,
        checklistAt: addMinutes(given, -15),
        doseMg: s.sequence === 1 ? 200 : 300,
        route: "SUBLINGUAL",
        lotNumber: s.sequence === 1 ? "KT24-0917" : "KT24-1102",
        doseGivenAt: given,
        discharge: { result: { ready: true, items: [] } },
        readyToLeaveAt: addMinutes(given, 125),
        dischargedAt: addMinutes(given, 130),
        completedById: therapistId,
        completedAt: addMinutes(given, 140),
      },
    });
    await tx.vitalSign.createMany({
      data: READINGS.map(
        ([minute, systolic, diastolic, heartRate, respiratoryRate, spo2, sedation, dissociation]) => ({
          dosingRecordId: record.id,
          takenAt: addMinutes(given, minute ?? -10),
          minuteMark: minute,
          systolic,
          diastolic,
          heartRate,
          respiratoryRate,
          spo2,
          sedation,
          dissociation,
          recordedById: therapistId,
        }),
      ),
    });
    if (s.sequence === 1) {
      await tx.adverseEvent.create({
        data: {
          dosingRecordId: record.id,
          kind: "NAUSEA_VOMITING",
          severity: "MILD",
          occurredAt: addMinutes(given, 25),
          actionTaken: "Ondansetron given; settled within 15 minutes.",
          rescueMedication: "Ondansetron 4 mg ODT",
          recordedById: therapistId,
          // The prescriber reviews every adverse event before signing the record.
          reviewedAt: addMinutes(given, 190),
          reviewedById: prescriberId,
        },
      });
    }
    await tx.dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedById: prescriberId, signedAt: addMinutes(given, 200) },
    });
  }
}
