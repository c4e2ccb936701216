import "server-only";
import PgBoss from "pg-boss";
import type { Tx } from "@/lib/server/core/db";
import { errorSummary } from "@/lib/server/core/error-summary";
import { deliverMailJob, type MailJob, setMailQueue } from "@/lib/server/mail/send-mail";
import { claimDueReminders, type ReminderJob, sendReminder } from "@/lib/server/scheduling/reminders";

/**
 * Background work on a Postgres-backed queue (pg-boss), so no extra broker is
 * needed and every app instance can take part: a scan every 5 minutes claims due
 * reminders and queues one e-mail job each; workers send them (retried on failure).
 * Mail sent after an action commits (invitations, safety flags, screening news)
 * goes through the `mail.send` queue while the runner is up.
 */
const SCAN = "reminders-scan";
export const REMINDERS_SEND = "reminders-send";
export const MAIL_SEND = "mail.send";
/** Retries for a message: 1, 2, 4, 8 … minutes apart (pg-boss backoff), 8 tries in all. */
export const MAIL_RETRY = { retryLimit: 8, retryDelay: 60, retryBackoff: true } as const;

const global = globalThis as unknown as { kapstoneJobs?: Promise<PgBoss> };

/** pg-boss statements run inside a Prisma transaction, so a job is queued with the change that calls for it. */
const inTransaction = (tx: Tx): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }),
});

/** Claims the reminders now due and queues one e-mail job each, in one transaction. */
export function scanReminders(boss: PgBoss, now = new Date()) {
  return claimDueReminders(now, (jobs, tx) =>
    boss.insert(
      jobs.map((data) => ({ name: REMINDERS_SEND, data })),
      { db: inTransaction(tx) },
    ),
  );
}

/** Creates the `mail.send` queue, works it, and routes `sendAfterCommit` to it. */
export async function startMailJobs(boss: PgBoss, retry: PgBoss.RetryOptions = MAIL_RETRY) {
  await boss.createQueue(MAIL_SEND, { name: MAIL_SEND, ...retry });
  await boss.work<MailJob>(MAIL_SEND, async ([job]) => {
    if (job) await deliverMailJob(job.data);
  });
  setMailQueue(async (job) => {
    const id = await boss.send(MAIL_SEND, job, retry);
    if (!id) throw new Error("the job queue refused the message");
  });
  boss.on("stopped", () => setMailQueue(undefined));
}

/**
 * Starts the runner once per process. If it cannot start (the database is down
 * when the app boots), the next call tries again: see instrumentation.ts.
 */
export function startJobs(connectionString: string) {
  global.kapstoneJobs ??= (async () => {
    const boss = new PgBoss({ connectionString, schema: "pgboss", max: 3 });
    boss.on("error", (e) => console.error(`[jobs] ${errorSummary(e)}`));
    try {
      await runJobs(boss);
    } catch (e) {
      await boss.stop({ graceful: false }).catch(() => {});
      global.kapstoneJobs = undefined;
      throw e;
    }
    return boss;
  })();
  return global.kapstoneJobs;
}

async function runJobs(boss: PgBoss) {
  await boss.start();
  await boss.createQueue(SCAN);
  await boss.createQueue(REMINDERS_SEND, {
    name: REMINDERS_SEND,
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
  });
  await boss.schedule(SCAN, "*/5 * * * *");
  await boss.work(SCAN, () => scanReminders(boss));
  await boss.work<ReminderJob>(REMINDERS_SEND, async ([job]) => {
    if (job) await sendReminder(job.data);
  });
  await startMailJobs(boss);
}
