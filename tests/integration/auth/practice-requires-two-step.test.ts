/**
 * docs/security.md S5: a practice can require two-step sign-in of all staff. A staff member
 * without it then reaches nothing but its set-up, whatever they call: the session says the
 * set-up is due and the data layer's permission check refuses. Only an admin who uses two-step
 * sign-in can turn the requirement on; turning it on and off is audited.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { base32Decode, totpAt } from "@/lib/auth/totp";
import { TWO_STEP_SETUP_FIRST } from "@/lib/domain/auth/two-step-policy";
import { AppError } from "@/lib/errors";
import { setPracticeSecurity } from "@/lib/server/admin/practice-security";
import { updatePracticeSettings } from "@/lib/server/admin/practice-settings";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { enableMfa, getSecurityStatus, resetMfa, startMfaSetup } from "@/lib/server/auth/two-step";
import { getCaseload } from "@/lib/server/clients/caseload";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { db } from "@/lib/server/core/db";
import { getPortalHome } from "@/lib/server/portal/portal-home";
import { calendarFeedIcs, createCalendarFeed } from "@/lib/server/scheduling/calendar-feed";
import { PRACTICE_SETTINGS_DEFAULTS, practiceSettingsFormValues } from "@/lib/validation/practice-settings";
import { createScene, TEST_PASSWORD } from "../../fixtures/factory";

const IP = "198.51.100.78";

/** The actor a browser's session cookie gives, as every page, action and API resolves it. */
async function signedIn(user: { id: string }): Promise<Actor> {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const actor = await resolveSession(await createAuthSession(row, IP, "vitest"), IP);
  if (!actor) throw new Error("expected a live session");
  return actor;
}

async function turnOn(actor: Actor) {
  await startMfaSetup(actor);
  const status = await getSecurityStatus(actor);
  if (status.state !== "pending") throw new Error(`expected a pending secret, got ${status.state}`);
  const key = base32Decode(status.secret) as Buffer;
  const now = new Date();
  return enableMfa(actor, { code: totpAt(key, now.getTime()), password: TEST_PASSWORD }, now);
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.message } : e),
  );

/** A scene whose admin uses two-step sign-in and has turned the requirement on. */
async function requiringPractice() {
  const s = await createScene();
  const admin = await signedIn(s.admin);
  await turnOn(admin);
  await setPracticeSecurity(admin, { requireTwoStep: true });
  return { ...s, adminActor: admin };
}

describe("a practice that requires two-step sign-in", () => {
  it("holds a therapist without it from every data-layer read until it is set up, and audits each refusal", async () => {
    const s = await createScene();
    const admin = await signedIn(s.admin);
    await turnOn(admin);
    // A session opened before the requirement is held too, from its next request.
    const before = await signedIn(s.therapist);
    expect(before.twoStepSetupDue).toBe(false);
    await setPracticeSecurity(admin, { requireTwoStep: true });

    const therapist = await resolveSession(before.sessionId, IP);
    expect(therapist?.twoStepSetupDue).toBe(true);
    if (!therapist) return;
    const setUpFirst = { code: "FORBIDDEN", message: TWO_STEP_SETUP_FIRST };
    expect(await refusal(getClientSummary(therapist, s.clientA.id))).toEqual(setUpFirst);
    expect(await refusal(getCaseload(therapist, 1))).toEqual(setUpFirst);
    const denied = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, outcome: "DENIED" },
      orderBy: { at: "asc" },
    });
    expect(denied.map((r) => [r.action, (r.detail as { reason?: string }).reason])).toEqual([
      ["client.read", "two-step-setup-due"],
      ["client.list", "two-step-setup-due"],
    ]);

    // Its set-up is the one thing open; once on, everything is as before.
    const { recoveryCodes } = await turnOn(therapist);
    expect(recoveryCodes).toHaveLength(10);
    const after = await resolveSession(therapist.sessionId, IP);
    expect(after?.twoStepSetupDue).toBe(false);
    if (!after) return;
    expect(await refusal(getClientSummary(after, s.clientA.id))).toBeNull();
  });

  it("has new staff set it up at their first sign-in: the password opens only the set-up", async () => {
    const s = await requiringPractice();
    const signedInNow = await signInWithPassword(s.prescriber.email, TEST_PASSWORD, IP, null);
    expect(signedInNow).not.toBeNull();
    const prescriber = await resolveSession(signedInNow?.sessionId ?? "", IP);
    expect(prescriber?.twoStepSetupDue).toBe(true);
  });

  it("has someone whose two-step sign-in an admin reset set it up again at their next sign-in", async () => {
    const s = await requiringPractice();
    await turnOn(await signedIn(s.therapist));
    await resetMfa(s.adminActor, { userId: s.therapist.id });
    const again = await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null);
    const therapist = await resolveSession(again?.sessionId ?? "", IP);
    expect(therapist?.twoStepSetupDue).toBe(true);
    if (!therapist) return;
    expect(await refusal(getClientSummary(therapist, s.clientA.id))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("does not ask clients", async () => {
    const s = await requiringPractice();
    const client = await signedIn({ id: s.clientA.userId ?? "" });
    expect(client.twoStepSetupDue).toBe(false);
    expect(await refusal(getPortalHome(client))).toBeNull();
  });

  it("closes the calendar feed of an owner who has yet to set it up", async () => {
    const s = await createScene();
    const admin = await signedIn(s.admin);
    await turnOn(admin);
    const { url } = await createCalendarFeed(await signedIn(s.therapist));
    const token = url.split("/").pop() ?? "";
    expect(await refusal(calendarFeedIcs(token))).toBeNull();
    await setPracticeSecurity(admin, { requireTwoStep: true });
    expect(await refusal(calendarFeedIcs(token))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("turning the requirement on and off", () => {
  it("cannot be turned on by an admin without two-step sign-in (they would lock themselves out); refused and audited", async () => {
    const s = await createScene();
    const admin = await signedIn(s.admin);
    expect(await refusal(setPracticeSecurity(admin, { requireTwoStep: true }))).toMatchObject({
      code: "CONFLICT",
    });
    const practice = await db().practice.findUniqueOrThrow({ where: { id: s.practice.id } });
    expect((practice.settings as { requireTwoStep?: boolean }).requireTwoStep).toBeUndefined();
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.admin.id, action: "settings.require_two_step" },
    });
    expect(rows.map((r) => [r.outcome, (r.detail as { reason?: string }).reason])).toEqual([
      ["FAILED", "admin-without-two-step"],
    ]);
  });

  it("is audited with before and after, and only an admin may change it", async () => {
    const s = await requiringPractice();
    await setPracticeSecurity(s.adminActor, { requireTwoStep: false });
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.admin.id, action: "settings.require_two_step" },
      orderBy: { at: "asc" },
    });
    expect(rows.map((r) => [r.outcome, r.detail])).toEqual([
      ["OK", { before: { requireTwoStep: false }, after: { requireTwoStep: true } }],
      ["OK", { before: { requireTwoStep: true }, after: { requireTwoStep: false } }],
    ]);
    const therapist = await signedIn(s.therapist);
    expect(await refusal(setPracticeSecurity(therapist, { requireTwoStep: false }))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("stays on when the clinic settings are saved", async () => {
    const s = await requiringPractice();
    const values = practiceSettingsFormValues(
      { ...PRACTICE_SETTINGS_DEFAULTS, maxDosesPer7Days: 1 },
      "America/Los_Angeles",
    );
    await updatePracticeSettings(s.adminActor, values);
    const therapist = await signedIn(s.therapist);
    expect(therapist.twoStepSetupDue).toBe(true);
  });
});
