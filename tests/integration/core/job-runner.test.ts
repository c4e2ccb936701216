import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { describe, expect, it, vi } from "vitest";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { startJobs, startMailJobs } from "@/lib/server/jobs/job-runner";
import { createScene } from "../../fixtures/factory";
import { newClient } from "../../fixtures/journey";
import { email, linkFor, recordErrorsAndRestoreMail } from "../../fixtures/mail";

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
    const schema = `pgboss_mail_${randomUUID().slice(0, 8)}`;
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema, max: 2, supervise: false });
    await boss.start();
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
      await boss.stop({ graceful: false, wait: true });
      await db().$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });
});
