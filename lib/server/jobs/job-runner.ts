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
/** pg-boss's own queue for scheduled (cron) jobs. */
const CRON = "__pgboss__send-it";

/**
 * Every queue the runner uses, with its options. The app's database role may not create
 * tables (docs/security.md S11), and each pg-boss queue is a table: the migration
 * prisma/migrations/20261204130300_job_queue_schema creates them with these options
 * (tests/integration/core/job-runner.test.ts compares). A new queue needs a migration.
 */
export const JOB_QUEUES: Readonly<Record<string, Omit<PgBoss.Queue, "name">>> = {
  [CRON]: {},
  [SCAN]: {},
  [REMINDERS_SEND]: { retryLimit: 5, retryDelay: 60, retryBackoff: true },
  [MAIL_SEND]: MAIL_RETRY,
};

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

/** Refuses to start when a queue the runner needs is missing (its migration has not run). */
async function expectQueues(boss: PgBoss, names: string[]) {
  for (const name of names) {
    if (!(await boss.getQueue(name))) {
      throw new Error(`the job queue "${name}" is missing: apply the migrations (npm run db:migrate)`);
    }
  }
}

/** Works the `mail.send` queue and routes `sendAfterCommit` to it. */
export async function startMailJobs(boss: PgBoss, retry: PgBoss.RetryOptions = MAIL_RETRY) {
  await expectQueues(boss, [MAIL_SEND]);
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
    // migrate: false: the schema is the migrations' (its owner's) to create and change; pg-boss
    // only checks that it is at the version this pg-boss expects.
    const boss = new PgBoss({ connectionString, schema: "pgboss", max: 3, migrate: false });
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
  await expectQueues(boss, Object.keys(JOB_QUEUES));
  await boss.schedule(SCAN, "*/5 * * * *");
  await boss.work(SCAN, () => scanReminders(boss));
  await boss.work<ReminderJob>(REMINDERS_SEND, async ([job]) => {
    if (job) await sendReminder(job.data);
  });
  await startMailJobs(boss);
}
