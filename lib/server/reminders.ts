import "server-only";
import { formatDateTime } from "@/lib/domain/format";
import { readPracticeSettings } from "@/lib/domain/practice-settings";
import { sessionLabel } from "@/lib/domain/session-label";
import { db } from "./db";
import { sendMail } from "./mail";

export type ReminderKind = "reminder" | "prep";
export type ReminderJob = { sessionId: string; kind: ReminderKind };

const REMINDER_AHEAD_MS = 24 * 3_600_000;
/** The dosing-day preparation e-mail goes out the day before: up to 36 hours ahead. */
const PREP_AHEAD_MS = 36 * 3_600_000;
const LIVE = ["SCHEDULED", "CONFIRMED"] as const;

/**
 * Finds sessions due a reminder and claims each one (a conditional update), so
 * that whichever app instance runs the scan, every e-mail is queued once.
 */
export async function claimDueReminders(now = new Date()): Promise<ReminderJob[]> {
  const window = (ahead: number) => ({ gt: now, lte: new Date(now.getTime() + ahead) });
  const [reminders, preps] = await Promise.all([
    db().session.findMany({
      where: {
        deletedAt: null,
        status: { in: [...LIVE] },
        reminderSentAt: null,
        startsAt: window(REMINDER_AHEAD_MS),
      },
      select: { id: true },
      take: 500,
    }),
    db().session.findMany({
      where: {
        deletedAt: null,
        kind: "DOSING",
        status: { in: [...LIVE] },
        prepReminderSentAt: null,
        startsAt: window(PREP_AHEAD_MS),
      },
      select: { id: true },
      take: 500,
    }),
  ]);
  const jobs: ReminderJob[] = [];
  for (const { id } of reminders) {
    const { count } = await db().session.updateMany({
      where: { id, reminderSentAt: null },
      data: { reminderSentAt: now },
    });
    if (count === 1) jobs.push({ sessionId: id, kind: "reminder" });
  }
  for (const { id } of preps) {
    const { count } = await db().session.updateMany({
      where: { id, prepReminderSentAt: null },
      data: { prepReminderSentAt: now },
    });
    if (count === 1) jobs.push({ sessionId: id, kind: "prep" });
  }
  return jobs;
}

/** Sends one reminder to every participant of the session (skipped if it was cancelled since). */
export async function sendReminder(job: ReminderJob) {
  const s = await db().session.findUnique({
    where: { id: job.sessionId },
    select: {
      kind: true,
      sequence: true,
      status: true,
      deletedAt: true,
      startsAt: true,
      location: true,
      telehealthUrl: true,
      clinician: { select: { name: true } },
      series: {
        select: {
          practice: { select: { name: true, timeZone: true, settings: true } },
          participants: {
            select: {
              client: { select: { email: true, preferredName: true, legalFirstName: true, deletedAt: true } },
            },
          },
        },
      },
    },
  });
  if (!s || s.deletedAt || !(LIVE as readonly string[]).includes(s.status)) return 0;
  const { practice } = s.series;
  const when = formatDateTime(s.startsAt, practice.timeZone);
  const where = s.telehealthUrl ? `by video: ${s.telehealthUrl}` : (s.location ?? "at the clinic");
  const settings = readPracticeSettings(practice.settings);
  let sent = 0;
  for (const { client } of s.series.participants) {
    if (client.deletedAt) continue;
    const hello = `Hello ${client.preferredName ?? client.legalFirstName},`;
    const text =
      job.kind === "prep"
        ? `${hello}\n\nYour dosing session with ${s.clinician.name} is ${when}, ${where}.\n\nTo get ready:\n- No food for ${settings.fastingFoodHours} hours before, and no drinks (even clear ones) for ${settings.fastingClearLiquidHours} hours before.\n- No alcohol, cannabis, benzodiazepines, opioids or stimulants in the 24 hours before, unless your prescriber says otherwise.\n- Arrange for an adult to take you home. Do not drive until the next day.\n\nIf you cannot come or feel unwell, contact ${practice.name} as soon as you can.`
        : `${hello}\n\nA reminder: your ${sessionLabel(s).toLowerCase()} session with ${s.clinician.name} is ${when}, ${where}.\n\nYou can see your schedule in Kapstone.`;
    await sendMail({
      to: client.email,
      subject:
        job.kind === "prep"
          ? `${practice.name}: getting ready for your dosing day`
          : `${practice.name}: your session ${when}`,
      text,
    });
    sent++;
  }
  return sent;
}
