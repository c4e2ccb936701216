import PgBoss from "pg-boss";
import { describe, expect, it, vi } from "vitest";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { JOB_QUEUES, startJobs, startMailJobs } from "@/lib/server/jobs/job-runner";
import { createScene } from "../../fixtures/factory";
import { newClient } from "../../fixtures/journey";
import { email, linkFor, recordErrorsAndRestoreMail } from "../../fixtures/mail";
import { ownJobQueue } from "../../fixtures/owner";

recordErrorsAndRestoreMail();

describe("the job runner", () => {
  it("that could not start (database down at boot) starts afresh on the next try", async () => {
    const down = "postgresql://postgres@127.0.0.1:1/kapstone";
    const first = startJobs(down);
    await expect(first).rejects.toThrow();
    const second = startJobs(down);
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow();
  });

  it("the pg-boss mail.send worker delivers queued invitation mail, keeping the link out of the job table", async () => {
    const { schema, boss, drop } = await ownJobQueue("pgboss_mail");
    try {
      await startMailJobs(boss, { retryLimit: 2, retryDelay: 1, retryBackoff: false });
      const s = await createScene();
      const address = email("worker");
      await addAndInviteClient(s.actors.therapist, newClient(address));
      await vi.waitFor(
        async () => {
          expect(await db().outboxMessage.count({ where: { to: address } })).toBe(1);
        },
        { timeout: 20_000, interval: 250 },
      );
      const token = await linkFor(address);
      const rows = await db().$queryRawUnsafe<{ data: string }[]>(
        `SELECT data::text AS data FROM "${schema}".job WHERE name = 'mail.send'`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.data).not.toContain(address);
        expect(row.data).not.toContain(token);
      }
    } finally {
      await drop();
    }
  });

  it("starts as the app's role on the queue the migrations made, with every queue and its options", async () => {
    const url = process.env.DATABASE_URL ?? "";
    expect(new URL(url).username).toBe("kapstone_app");
    // As startJobs does (migrate: false), without the schedule and workers that would scan this
    // database's reminders meanwhile.
    const boss = new PgBoss({ connectionString: url, schema: "pgboss", migrate: false, schedule: false });
    await boss.start();
    try {
      const queues = await boss.getQueues();
      for (const [name, options] of Object.entries(JOB_QUEUES)) {
        const queue = queues.find((q) => q.name === name);
        expect(queue, name).toBeDefined();
        expect(queue).toMatchObject(options);
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });

  it("cannot make a queue the migrations did not: each queue is a table, and the app's role makes none", async () => {
    const { boss, drop } = await ownJobQueue("pgboss_new");
    try {
      await expect(boss.createQueue("not-migrated")).rejects.toThrow(/permission denied|must be owner/);
      expect(await boss.getQueue("not-migrated")).toBeNull();
    } finally {
      await drop();
    }
  });
});
