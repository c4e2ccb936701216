import "server-only";
import PgBoss from "pg-boss";
import { claimDueReminders, type ReminderJob, sendReminder } from "./reminders";

/**
 * Background work on a Postgres-backed queue (pg-boss), so no extra broker is
 * needed and every app instance can take part: a scan every 5 minutes claims due
 * reminders and queues one e-mail job each; workers send them (retried on failure).
 */
const SCAN = "reminders-scan";
const SEND = "reminders-send";

let started: Promise<PgBoss> | undefined;

export function startJobs(connectionString: string) {
  started ??= (async () => {
    const boss = new PgBoss({ connectionString, schema: "pgboss", max: 3 });
    boss.on("error", (e) => console.error("[jobs]", e));
    await boss.start();
    await boss.createQueue(SCAN);
    await boss.createQueue(SEND, { name: SEND, retryLimit: 5, retryDelay: 60, retryBackoff: true });
    await boss.schedule(SCAN, "*/5 * * * *");
    await boss.work(SCAN, async () => {
      const jobs = await claimDueReminders();
      for (const job of jobs) await boss.send(SEND, job);
    });
    await boss.work<ReminderJob>(SEND, async ([job]) => {
      if (job) await sendReminder(job.data);
    });
    return boss;
  })();
  return started;
}
