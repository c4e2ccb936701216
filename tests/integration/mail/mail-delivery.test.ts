import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { acceptInvitation, previewInvitation } from "@/lib/server/invitations/accept-invitation";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { resendInvitation, revokeInvitation } from "@/lib/server/invitations/manage-invitations";
import { startJobs, startMailJobs } from "@/lib/server/jobs/job-runner";
import { listDevOutbox } from "@/lib/server/mail/dev-outbox";
import {
  type Mail,
  type MailJob,
  sendAfterCommit,
  setMailQueue,
  setMailTransport,
  unsealMail,
} from "@/lib/server/mail/send-mail";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { decideScreening } from "@/lib/server/screening/screening-decisions";
import { createScene } from "../../fixtures/factory";
import {
  ALL_ZERO,
  type Scene,
  sceneWithConsents,
  screenClientA,
  submitForScreening,
} from "../../fixtures/journey";

const PASSWORD = "a long and quiet passphrase";
const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const email = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@test.example`;
const newClient = (address: string) => ({
  legalFirstName: "Sage",
  legalLastName: "Marlow",
  email: address,
  dateOfBirth: "1988-02-03",
  state: "CA",
});

/** Words that would tell a reader of the mail about someone's care. */
const CLINICAL =
  /screening|eligib|intake|questionnaire|ketamine|dosing|dose|suicid|self-harm|medic|diagnos|prescrib|therap/i;

async function latestMailTo(to: string) {
  return db().outboxMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
}
async function linkFor(to: string) {
  const token = (await latestMailTo(to)).text.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error("no link in mail");
  return token;
}

let errors: MockInstance<typeof console.error>;
beforeEach(() => {
  errors = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => {
  setMailTransport(undefined);
  setMailQueue(undefined);
  errors.mockRestore();
});
const logged = () => errors.mock.calls.map((c) => c.map(String).join(" ")).join("\n");

/** SMTP down: every delivery throws, with the recipient in the message as real servers do. */
function smtpDown() {
  const attempts: Mail[] = [];
  setMailTransport(async (mail) => {
    attempts.push(mail);
    throw Object.assign(new Error(`550 5.1.1 <${mail.to}>: Recipient address rejected`), {
      code: "EENVELOPE",
    });
  });
  return attempts;
}

describe("mail never turns a committed action into an error", () => {
  it("a client who flags suicide risk still gets their result when mail fails", async () => {
    const s = await createScene();
    const attempts = smtpDown();
    const r = await submitMeasure(s.actors.clientA, { scale: "PHQ9", answers: { ...ALL_ZERO(9), q9: 2 } });
    expect(r).toMatchObject({ scale: "PHQ9", safetyFlag: true });
    expect(attempts.map((m) => m.to)).toEqual([s.therapist.email]);
    expect(await db().safetyFlag.count({ where: { clientId: s.clientA.id } })).toBe(1);
    // The failure is logged by message and record id, with nothing about the person.
    const log = logged();
    expect(log).toContain(`MeasureResponse ${r.id}`);
    expect(log).toContain("EENVELOPE");
    expect(log).not.toContain(s.therapist.email);
    expect(log).not.toMatch(/safety flag needs review|Recipient address/);
  });

  it("adding a client succeeds when the invitation mail fails, and adding them again is a conflict", async () => {
    const s = await createScene();
    const attempts = smtpDown();
    const address = email("sage");
    const first = await addAndInviteClient(s.actors.therapist, newClient(address));
    expect(attempts).toHaveLength(1);
    expect(await db().invitation.count({ where: { clientId: first.clientId } })).toBe(1);
    expect(logged()).not.toContain(address);

    const again = await addAndInviteClient(s.actors.therapist, newClient(address)).catch((e) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(again.code).toBe("CONFLICT");
    expect(again.fieldErrors?.email).toHaveLength(1);
    // Upper case and another staff member make no difference.
    expect(
      await addAndInviteClient(s.actors.admin, {
        ...newClient(address.toUpperCase()),
        therapistId: s.otherTherapist.id,
      }).catch(codeOf),
    ).toBe("CONFLICT");
    expect(await db().client.count({ where: { practiceId: s.practice.id, email: address } })).toBe(1);
  });

  it("a double submit creates one client", async () => {
    const s = await createScene();
    const address = email("twice");
    const results = await Promise.allSettled([
      addAndInviteClient(s.actors.therapist, newClient(address)),
      addAndInviteClient(s.actors.therapist, newClient(address)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(codeOf(rejected?.status === "rejected" ? rejected.reason : null)).toBe("CONFLICT");
    expect(await db().client.count({ where: { practiceId: s.practice.id, email: address } })).toBe(1);
  });

  it("the same e-mail may be a client of another practice, or again after the old record was deleted", async () => {
    const s = await createScene();
    const other = await createScene();
    const address = email("shared");
    const { clientId } = await addAndInviteClient(s.actors.therapist, newClient(address));
    await addAndInviteClient(other.actors.therapist, newClient(address));
    await db().client.update({ where: { id: clientId }, data: { deletedAt: new Date() } });
    await expect(addAndInviteClient(s.actors.therapist, newClient(address))).resolves.toMatchObject({
      clientId: expect.any(String),
    });
  });

  it("a staff invitation and a signed screening decision stand when mail fails", async () => {
    const s = await sceneWithConsents();
    const { screeningId } = await submitForScreening(
      s.actors.clientA,
      `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
    );
    const attempts = smtpDown();
    await decideScreening(s.actors.prescriber, {
      screeningId,
      version: 1,
      decision: "ELIGIBLE",
      rationale: "Reviewed intake and measures.",
      diagnosisCode: "F33.1",
    });
    expect((await db().screening.findUniqueOrThrow({ where: { id: screeningId } })).status).toBe("SIGNED");
    const { invitationId } = await inviteStaff(s.actors.admin, {
      name: "Dr Vale",
      email: email("vale"),
      role: "PRESCRIBER",
      licenseStates: ["CA"],
    });
    expect(await db().invitation.count({ where: { id: invitationId } })).toBe(1);
    expect(attempts.map((m) => m.to)).toContain(s.clientA.email);
    expect(logged()).toContain(`Screening ${screeningId}`);
    expect(logged()).not.toContain(s.clientA.email);
  });

  it("with the job runner up, mail is queued sealed; a queue failure is logged and swallowed", async () => {
    const jobs: MailJob[] = [];
    const sent = smtpDown();
    setMailQueue(async (job) => {
      jobs.push(job);
    });
    const mail = {
      to: email("queued"),
      subject: "Hello",
      text: "A link: https://x/invite/abc",
      practiceId: "practice-1",
    };
    await sendAfterCommit("Invitation test-1", mail);
    expect(sent).toHaveLength(0);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.ref).toBe("Invitation test-1");
    expect(jobs[0]?.sealed).not.toContain(mail.to);
    expect(Buffer.from(jobs[0]?.sealed ?? "", "base64url").toString("latin1")).not.toContain("invite");
    expect(unsealMail(jobs[0]?.sealed ?? "")).toEqual(mail);

    setMailQueue(async () => {
      throw new Error(`connection lost while queueing for ${mail.to}`);
    });
    await expect(sendAfterCommit("Invitation test-2", mail)).resolves.toBeUndefined();
    expect(logged()).toContain("Invitation test-2");
    expect(logged()).not.toContain(mail.to);
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

describe("the job runner", () => {
  it("that could not start (database down at boot) starts afresh on the next try", async () => {
    const down = "postgresql://postgres@127.0.0.1:1/kapstone";
    const first = startJobs(down);
    await expect(first).rejects.toThrow();
    const second = startJobs(down);
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow();
  });
});

describe("mail says nothing about anyone's care", () => {
  it("invitations, screening news and safety flags are generic, with a link to sign in", async () => {
    const s = await sceneWithConsents();
    const clientAddress = email("generic");
    await addAndInviteClient(s.actors.therapist, newClient(clientAddress));
    const invite = await latestMailTo(clientAddress);
    expect(invite.subject).toBe(`You're invited to ${s.practice.name}'s portal`);
    expect(`${invite.subject}\n${invite.text}`).not.toMatch(CLINICAL);
    expect(invite.text).toMatch(/\/invite\//);

    await screenClientA(s, { decision: "NOT_ELIGIBLE", rationale: "Reviewed intake and measures." });
    const news = await latestMailTo(s.clientA.email);
    expect(news.subject).toBe(`You have a new message from ${s.practice.name}`);
    expect(`${news.subject}\n${news.text}`).not.toMatch(CLINICAL);
    expect(news.text).toMatch(/https?:\/\/\S+\/portal/);

    await submitMeasure(s.actors.clientB, { scale: "PHQ9", answers: { ...ALL_ZERO(9), q9: 1 } });
    const flag = await latestMailTo(s.otherTherapist.email);
    expect(flag.text).not.toMatch(/suicid|self-harm|PHQ/i);
    expect(flag.text).not.toContain(s.clientB.legalLastName);
    expect(flag.text).toMatch(/https?:\/\/\S+\/caseload/);
  });
});

async function clientInvitation(s: Scene, by: "therapist" | "otherTherapist" | "admin") {
  const address = email("invitee");
  const { invitationId, clientId } = await addAndInviteClient(s.actors[by], {
    ...newClient(address),
    ...(by === "admin" ? { therapistId: s.therapist.id } : {}),
  });
  return { invitationId, clientId, address, token: await linkFor(address) };
}

async function staffInvitation(s: Scene, role: "ADMIN" | "THERAPIST" = "ADMIN") {
  const address = email("staff");
  const { invitationId } = await inviteStaff(s.actors.admin, {
    name: "Ash",
    email: address,
    role,
    licenseStates: [],
  });
  return { invitationId, address, token: await linkFor(address) };
}

async function deniedResends(invitationId: string) {
  return db().auditEvent.findMany({
    where: { recordId: invitationId, action: "invitation.resend", outcome: "DENIED" },
  });
}

describe("resending an invitation", () => {
  it("an admin resends: a fresh hashed token, and the old link stops working", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s);
    await resendInvitation(s.actors.admin, inv.invitationId);
    const token = await linkFor(inv.address);
    expect(token).not.toBe(inv.token);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(await previewInvitation(inv.token)).toBeNull();
    expect(
      await acceptInvitation({ token: inv.token, password: PASSWORD, confirmPassword: PASSWORD }, null).catch(
        codeOf,
      ),
    ).toBe("NOT_FOUND");
    await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null);
    expect(await db().user.count({ where: { email: inv.address } })).toBe(1);
  });

  it("a therapist cannot resend staff or admin invitations: not found, audited", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "ADMIN");
    expect(await resendInvitation(s.actors.therapist, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    const denied = await deniedResends(inv.invitationId);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.actorUserId).toBe(s.therapist.id);
    // The link that was mailed still works; nothing was reissued.
    expect((await previewInvitation(inv.token))?.status).toBe("pending");
  });

  it("a therapist resends client invitations for their own clients only", async () => {
    const s = await createScene();
    const own = await clientInvitation(s, "therapist");
    await resendInvitation(s.actors.therapist, own.invitationId);
    expect(await previewInvitation(own.token)).toBeNull();

    // Added by the admin with this therapist on the care team.
    const viaAdmin = await clientInvitation(s, "admin");
    await resendInvitation(s.actors.therapist, viaAdmin.invitationId);
    expect(await previewInvitation(viaAdmin.token)).toBeNull();

    const theirs = await clientInvitation(s, "otherTherapist");
    expect(await resendInvitation(s.actors.therapist, theirs.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await deniedResends(theirs.invitationId)).toHaveLength(1);
    expect((await previewInvitation(theirs.token))?.status).toBe("pending");
  });

  it("revoked and accepted invitations stay closed", async () => {
    const s = await createScene();
    const revoked = await clientInvitation(s, "therapist");
    await revokeInvitation(s.actors.admin, revoked.invitationId);
    for (const actor of [s.actors.admin, s.actors.therapist]) {
      const err = await resendInvitation(actor, revoked.invitationId).catch((e) => e);
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(/create a new invitation/);
    }
    const after = await db().invitation.findUniqueOrThrow({ where: { id: revoked.invitationId } });
    expect(after.revokedAt).not.toBeNull();
    expect(after.tokenHash).toBe(hashToken(revoked.token));

    const accepted = await staffInvitation(s, "THERAPIST");
    await acceptInvitation({ token: accepted.token, password: PASSWORD, confirmPassword: PASSWORD }, null);
    expect(await resendInvitation(s.actors.admin, accepted.invitationId).catch(codeOf)).toBe("CONFLICT");
  });

  it("an expired invitation gets a fresh link that works for another week", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "THERAPIST");
    await db().invitation.update({
      where: { id: inv.invitationId },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    await resendInvitation(s.actors.admin, inv.invitationId);
    const token = await linkFor(inv.address);
    expect((await previewInvitation(token))?.status).toBe("pending");
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("other practices, prescribers and clients cannot resend", async () => {
    const s = await createScene();
    const other = await createScene();
    const inv = await clientInvitation(s, "therapist");
    expect(await resendInvitation(other.actors.admin, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await resendInvitation(other.actors.therapist, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await deniedResends(inv.invitationId)).toHaveLength(2);
    expect(await resendInvitation(s.actors.prescriber, inv.invitationId).catch(codeOf)).toBe("FORBIDDEN");
    expect(await resendInvitation(s.actors.clientA, inv.invitationId).catch(codeOf)).toBe("FORBIDDEN");
    expect(await resendInvitation(s.actors.admin, "not a valid id!").catch(codeOf)).toBe("VALIDATION");
    expect((await previewInvitation(inv.token))?.status).toBe("pending");
  });
});

describe("development outbox", () => {
  it("is for signed-in staff of the practice the mail is for: clients get not found, audited", async () => {
    const s = await createScene();
    const other = await createScene();
    const inv = await clientInvitation(s, "therapist");
    expect(await listDevOutbox(s.actors.clientA).catch(codeOf)).toBe("NOT_FOUND");
    const denied = await db().auditEvent.findFirst({
      where: { actorUserId: s.actors.clientA.userId, action: "outbox.read", outcome: "DENIED" },
    });
    expect(denied).not.toBeNull();
    const messages = await listDevOutbox(s.actors.therapist, 500);
    expect(messages?.some((m) => m.to === inv.address)).toBe(true);
    expect(
      await db().auditEvent.count({
        where: { actorUserId: s.therapist.id, action: "outbox.read", outcome: "OK" },
      }),
    ).toBe(1);
    const elsewhere = await listDevOutbox(other.actors.admin, 500);
    expect(elsewhere?.some((m) => m.to === inv.address)).toBe(false);
  });

  it("shows staff invitations (links that open a staff account) to the practice's admins only", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "ADMIN");
    expect((await listDevOutbox(s.actors.admin, 500))?.some((m) => m.to === inv.address)).toBe(true);
    for (const who of ["therapist", "prescriber"] as const) {
      expect((await listDevOutbox(s.actors[who], 500))?.some((m) => m.to === inv.address)).toBe(false);
    }
  });
});
