import "server-only";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { serverEnv } from "@/lib/env";
import { db, type Tx } from "@/lib/server/core/db";
import { transaction } from "@/lib/server/core/transaction";
import { sendMail } from "@/lib/server/mail/send-mail";

export type ReminderKind = "reminder" | "prep";
export type ReminderJob = { sessionId: string; kind: ReminderKind };

const REMINDER_AHEAD_MS = 24 * 3_600_000;
/** The dosing-day preparation e-mail goes out the day before: up to 36 hours ahead. */
const PREP_AHEAD_MS = 36 * 3_600_000;
/** Sessions claimed per scan; the rest wait for the next scan, 5 minutes later. */
const CLAIM_LIMIT = 1000;
/** Only upcoming sessions are reminded of (not ones in progress, completed, ended early or cancelled). */
const LIVE = ["SCHEDULED", "CONFIRMED"] as const;

/** Where the client reads the details (time, place, video link, how to prepare) after signing in. */
export const PORTAL_SCHEDULE_PATH = "/portal/schedule";

/**
 * Finds the sessions due a reminder and claims them in one statement: it marks
 * them sent and returns them. Rows another app instance is claiming at the same
 * moment are locked and skipped, and a claimed row no longer matches, so every
 * e-mail is queued once whichever instance runs the scan. With `enqueue`, the
 * claim and the queueing of its jobs commit together: if queueing fails, nothing
 * is marked sent and the next scan tries again.
 */
export async function claimDueReminders(
  now = new Date(),
  enqueue?: (jobs: ReminderJob[], tx: Tx) => Promise<unknown>,
): Promise<ReminderJob[]> {
  if (!enqueue) return claim(db(), now);
  return transaction(null, async (tx) => {
    const jobs = await claim(tx, now);
    if (jobs.length > 0) await enqueue(jobs, tx);
    return jobs;
  });
}

async function claim(tx: Tx, now: Date): Promise<ReminderJob[]> {
  const reminderUntil = new Date(now.getTime() + REMINDER_AHEAD_MS);
  const prepUntil = new Date(now.getTime() + PREP_AHEAD_MS);
  const rows = await tx.$queryRaw<{ id: string; reminder: boolean; prep: boolean }[]>`
    WITH due AS (
      SELECT s."id",
             (s."reminderSentAt" IS NULL AND s."startsAt" <= ${reminderUntil}::timestamptz) AS reminder,
             (s."kind" = 'DOSING' AND s."prepReminderSentAt" IS NULL) AS prep
      FROM "Session" s
      JOIN "Series" se ON se."id" = s."seriesId" AND se."deletedAt" IS NULL
      WHERE s."deletedAt" IS NULL
        AND s."status" IN ('SCHEDULED', 'CONFIRMED')
        AND s."startsAt" > ${now}::timestamptz
        AND s."startsAt" <= ${prepUntil}::timestamptz
        AND (
          (s."reminderSentAt" IS NULL AND s."startsAt" <= ${reminderUntil}::timestamptz)
          OR (s."kind" = 'DOSING' AND s."prepReminderSentAt" IS NULL)
        )
      ORDER BY s."startsAt"
      LIMIT ${CLAIM_LIMIT}
      FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE "Session" s
    SET "reminderSentAt" = CASE WHEN due.reminder THEN ${now}::timestamptz ELSE s."reminderSentAt" END,
        "prepReminderSentAt" = CASE WHEN due.prep THEN ${now}::timestamptz ELSE s."prepReminderSentAt" END
    FROM due
    WHERE s."id" = due."id"
    RETURNING s."id", due.reminder, due.prep`;
  return rows.flatMap((r) => [
    ...(r.reminder ? [{ sessionId: r.id, kind: "reminder" as const }] : []),
    ...(r.prep ? [{ sessionId: r.id, kind: "prep" as const }] : []),
  ]);
}

/**
 * "today at 10:00 AM", "tomorrow at 10:00 AM" or "on Wednesday, March 4 at 10:00 AM",
 * in the practice's time zone as seen at `now`.
 */
export function appointmentTime(startsAt: Date, now: Date, timeZone: string): string {
  const day = localDateOf(startsAt, timeZone);
  const today = localDateOf(now, timeZone);
  const time = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" })
    .format(startsAt)
    .replace(/\s/g, " ");
  if (day === today) return `today at ${time}`;
  if (day === addCalendarDays(today, 1)) return `tomorrow at ${time}`;
  const date = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric" });
  return `on ${date.format(startsAt)} at ${time}`;
}

/**
 * Sends one reminder to every participant of the session (skipped if it was
 * cancelled since). E-mail is not a secure channel: the message names the
 * practice and the time only, never the kind of session, the clinician, the
 * place or any instructions; those are in the portal, behind sign-in.
 */
export async function sendReminder(job: ReminderJob, now = new Date()) {
  const s = await db().session.findUnique({
    where: { id: job.sessionId },
    select: {
      status: true,
      deletedAt: true,
      startsAt: true,
      series: {
        select: {
          deletedAt: true,
          practice: { select: { id: true, name: true, timeZone: true } },
          participants: {
            select: {
              client: { select: { email: true, preferredName: true, legalFirstName: true, deletedAt: true } },
            },
          },
        },
      },
    },
  });
  if (!s || s.deletedAt || s.series.deletedAt || !(LIVE as readonly string[]).includes(s.status)) return 0;
  const { practice } = s.series;
  const when = appointmentTime(s.startsAt, now, practice.timeZone);
  const portal = `${serverEnv().APP_URL}${PORTAL_SCHEDULE_PATH}`;
  let sent = 0;
  for (const { client } of s.series.participants) {
    if (client.deletedAt) continue;
    const hello = `Hello ${client.preferredName ?? client.legalFirstName},`;
    const mail =
      job.kind === "prep"
        ? {
            subject: `Please prepare for your appointment at ${practice.name} ${when}`,
            text: `${hello}\n\nPlease read how to prepare for your appointment at ${practice.name} ${when} in your portal:\n${portal}\n\nIf you cannot come or feel unwell, contact ${practice.name} as soon as you can.`,
          }
        : {
            subject: `Reminder: your appointment at ${practice.name} ${when}`,
            text: `${hello}\n\nA reminder of your appointment at ${practice.name} ${when}. The details are in your portal:\n${portal}\n\nIf you cannot come, contact ${practice.name} as soon as you can.`,
          };
    await sendMail({ to: client.email, practiceId: practice.id, ...mail });
    sent++;
  }
  return sent;
}
