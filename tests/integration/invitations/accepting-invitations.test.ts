import { describe, expect, it, vi } from "vitest";
import { MAX_ACCEPT_ATTEMPTS } from "@/lib/domain/invitations/invitation-status";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { createScene } from "../../fixtures/factory";
import { PASSWORD } from "../../fixtures/journey";
import { email, linkFor } from "../../fixtures/mail";

const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    hashPassword: async (password: string) => {
      hashing.calls++;
      return real.hashPassword(password);
    },
  };
});

let n = 0;
/** An address of its own for each test, so the per-address count starts at zero. */
const freshIp = () => `198.51.100.${++n}`;
const wrongLink = () => `${"z".repeat(30)}${Math.random().toString(36).slice(2)}`;
const tryLink = (token: string, ip: string | null) =>
  acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, ip).catch((e: AppError) => e);

async function invitedStaff() {
  const s = await createScene();
  const address = email("accept");
  await inviteStaff(s.actors.admin, { name: "Robin Hale", email: address, role: "THERAPIST", licences: [] });
  return { s, address, token: await linkFor(address) };
}

describe("accepting an invitation (docs/security.md S9)", () => {
  it("looks the link up before hashing the password: a wrong link costs no hash, and is audited", async () => {
    const ip = freshIp();
    hashing.calls = 0;
    const refused = await tryLink(wrongLink(), ip);
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/no longer valid/) });
    expect(hashing.calls).toBe(0);
    const row = await db().auditEvent.findFirstOrThrow({
      where: { action: "invitation.accept", ip },
      orderBy: { at: "desc" },
    });
    expect(row).toMatchObject({ outcome: "FAILED", detail: { reason: "unknown" } });

    // A used link is refused the same way, again without hashing.
    const { token, address } = await invitedStaff();
    hashing.calls = 0;
    await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, ip);
    expect(hashing.calls).toBe(1);
    expect(await tryLink(token, ip)).toMatchObject({ code: "NOT_FOUND" });
    expect(hashing.calls).toBe(1);
    expect(await db().user.count({ where: { email: address } })).toBe(1);
  });

  it("refuses an address after 10 tries, even with a right link, while another address gets through", async () => {
    const { token, address } = await invitedStaff();
    const ip = freshIp();
    for (let i = 0; i < MAX_ACCEPT_ATTEMPTS; i++)
      expect(await tryLink(wrongLink(), ip)).toMatchObject({ code: "NOT_FOUND" });
    hashing.calls = 0;
    const limited = await tryLink(token, ip);
    expect(limited).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    expect((limited as AppError).retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(hashing.calls).toBe(0);
    expect(await db().user.count({ where: { email: address } })).toBe(0);
    expect(
      await db().auditEvent.count({ where: { action: "invitation.accept", ip, outcome: "DENIED" } }),
    ).toBe(1);

    await expect(
      acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, freshIp()),
    ).resolves.toMatchObject({ email: address });
  });

  it("counts parallel tries in one statement: a burst gets exactly 10 through", async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 25 }, () => tryLink(wrongLink(), ip)));
    const codes = results.map((r) => (r as AppError).code);
    expect(codes.filter((c) => c === "NOT_FOUND")).toHaveLength(MAX_ACCEPT_ATTEMPTS);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(25 - MAX_ACCEPT_ATTEMPTS);
  });

  it("does not count a form that does not parse (a password too short, or not confirmed)", async () => {
    const ip = freshIp();
    for (let i = 0; i < MAX_ACCEPT_ATTEMPTS + 2; i++) {
      const bad = await acceptInvitation(
        { token: wrongLink(), password: "short", confirmPassword: "x" },
        ip,
      ).catch((e: AppError) => e);
      expect(bad).toMatchObject({ code: "VALIDATION" });
    }
    expect(await tryLink(wrongLink(), ip)).toMatchObject({ code: "NOT_FOUND" });
  });
});
