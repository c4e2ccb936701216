import { describe, expect, it } from "vitest";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { OUTBOX_LINK_PLACEHOLDER } from "@/lib/server/mail/send-mail";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { ALL_ZERO, newClient, sceneWithConsents, screenClientA } from "../../fixtures/journey";
import { email, latestMailTo, linkFor } from "../../fixtures/mail";

/** Words that would tell a reader of the mail about someone's care. */
const CLINICAL =
  /screening|eligib|intake|questionnaire|ketamine|dosing|dose|suicid|self-harm|medic|diagnos|prescrib|therap/i;

describe("mail says nothing about anyone's care", () => {
  it("invitations, screening news and safety flags are generic, with a link to sign in", async () => {
    const s = await sceneWithConsents();
    const clientAddress = email("generic");
    await addAndInviteClient(s.actors.therapist, newClient(clientAddress));
    const invite = await latestMailTo(clientAddress);
    expect(invite.subject).toBe(`You're invited to ${s.practice.name}'s portal`);
    expect(`${invite.subject}\n${invite.text}`).not.toMatch(CLINICAL);
    expect(invite.text).toContain(OUTBOX_LINK_PLACEHOLDER);
    expect(await linkFor(clientAddress)).toMatch(/^[A-Za-z0-9_-]{20,}$/);

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
