import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { type MailJob, sendAfterCommit, setMailQueue, unsealMail } from "@/lib/server/mail/send-mail";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { decideScreening } from "@/lib/server/screening/screening-decisions";
import { createScene } from "../../fixtures/factory";
import { ALL_ZERO, sceneWithConsents, submitForScreening } from "../../fixtures/journey";
import { email, recordErrorsAndRestoreMail, smtpDown } from "../../fixtures/mail";

const logged = recordErrorsAndRestoreMail();

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
      licences: [{ state: "CA", expiresAt: "2030-12-31" }],
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
});
