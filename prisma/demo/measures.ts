import { scoreMeasure } from "@/lib/domain/measures/scales";
import type { Tx } from "@/lib/server/core/db";
import { syncMeasureRequests } from "@/lib/server/measures/measure-requests";

/** Answers that sum to `total` over `items` items scored 0..`max` (demo data only). */
function answersFor(items: number, max: number, total: number) {
  const answers: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= items; i++) {
    const v = Math.min(max, Math.ceil(left / (items - i + 1)));
    answers[`q${i}`] = i === 9 && items === 9 ? 0 : v;
    left -= answers[`q${i}`] ?? 0;
  }
  return answers;
}

const NO_RISK = { q1: false, q2: false, q3: false, q4: false, q5: false, q6: false };

/**
 * Quinn answered before doses 1 and 2, improving, and the C-SSRS since last visit before each
 * (no risk): the doses were recorded after them. Every active series then gets its requests.
 */
export async function loadDemoMeasures(tx: Tx, clients: Record<string, string>) {
  const quinn = clients.quinn ?? "";
  const doses = await tx.session.findMany({
    where: {
      kind: "DOSING",
      sequence: { in: [1, 2] },
      series: { participants: { some: { clientId: quinn } } },
    },
    orderBy: { sequence: "asc" },
  });
  const totals = { PHQ9: [14, 9], GAD7: [10, 7], PCL5: [36, 25] } as const;
  const shape = { PHQ9: [9, 3], GAD7: [7, 3], PCL5: [20, 4] } as const;
  for (const [i, dose] of doses.entries()) {
    for (const scale of ["PHQ9", "GAD7", "PCL5"] as const) {
      const [items, max] = shape[scale];
      const answers = answersFor(items, max, totals[scale][i] ?? 0);
      const s = scoreMeasure(scale, answers);
      await tx.measureResponse.create({
        data: {
          clientId: quinn,
          scale,
          context: "PRE_DOSE",
          answers,
          total: s.total,
          band: s.band,
          flags: [...s.flags],
          takenAt: new Date(dose.startsAt.getTime() - 18 * 3_600_000),
          seriesId: dose.seriesId,
          sessionId: dose.id,
        },
      });
    }
    const cssrs = scoreMeasure("CSSRS", NO_RISK, { variant: "SINCE_LAST_VISIT" });
    await tx.measureResponse.create({
      data: {
        clientId: quinn,
        scale: "CSSRS",
        variant: "SINCE_LAST_VISIT",
        context: "PRE_DOSE",
        answers: NO_RISK,
        total: cssrs.total,
        band: cssrs.band,
        flags: [...cssrs.flags],
        takenAt: new Date(dose.startsAt.getTime() - 18 * 3_600_000),
        seriesId: dose.seriesId,
        sessionId: dose.id,
      },
    });
  }
  for (const series of await tx.series.findMany({ where: { status: "ACTIVE" }, select: { id: true } })) {
    await syncMeasureRequests(tx, series.id);
  }
}
