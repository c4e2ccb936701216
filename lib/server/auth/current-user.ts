import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, type Role } from "@/lib/auth/permissions";
import { TWO_STEP_SETUP_FIRST, TWO_STEP_SETUP_PATH } from "@/lib/domain/auth/two-step-policy";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/server/core/request";
import { signOutReasonSchema } from "@/lib/validation/auth";
import { authOptions } from "./next-auth-options";
import { resolveSession, signOutSession } from "./sessions";

/** The signed-in actor for this request, or null. Checked against the database once per request. */
export const getSessionUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return null;
  return resolveSession(session.sid, await requestIp());
});

/**
 * For pages: the actor, or a redirect to sign-in, or to setting up two-step sign-in
 * when the practice requires it and it is not on yet (docs/security.md S5).
 */
export async function requireUser(): Promise<Actor> {
  const actor = await getSessionUser();
  if (!actor) redirect("/signin");
  if (actor.twoStepSetupDue) redirect(TWO_STEP_SETUP_PATH);
  return actor;
}

/** For the two-step set-up page alone: a staff member, whether or not the set-up is due. */
export async function requireStaffForTwoStepSetup(): Promise<Actor> {
  const actor = await getSessionUser();
  if (!actor) redirect("/signin");
  if (!isStaff(actor.role)) notFound();
  return actor;
}

/** For staff pages: clients get the same not-found as for any page they may not see. */
export async function requireStaff(...roles: Role[]): Promise<Actor> {
  const actor = await requireUser();
  if (!isStaff(actor.role) || (roles.length > 0 && !roles.includes(actor.role))) notFound();
  return actor;
}

export async function requireClientUser(): Promise<Actor & { clientId: string }> {
  const actor = await requireUser();
  if (actor.role !== "CLIENT" || !actor.clientId) notFound();
  return { ...actor, clientId: actor.clientId };
}

/**
 * For route handlers and server actions: the actor, or a 401; a 403 saying to set up
 * two-step sign-in first while the practice's requirement is not met, except for the
 * steps of that set-up (`duringTwoStepSetup`).
 */
export async function requireApiUser(options: { duringTwoStepSetup?: boolean } = {}): Promise<Actor> {
  const actor = await getSessionUser();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  if (actor.twoStepSetupDue && !options.duringTwoStepSetup)
    throw new AppError("FORBIDDEN", TWO_STEP_SETUP_FIRST);
  return actor;
}

/** next-auth's session cookie (chunked when large), as proxy.ts recognises it. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
/** What a list's search box held (lib/server/core/list-search.ts): it leaves with the session. */
const SEARCH_COOKIE = /^kapstone-search-/;

/**
 * Signs this browser out: the session is revoked in the database (so a copy of
 * the cookie is refused from now on) and the cookie is removed.
 */
export async function endCurrentSession(reasonInput: unknown) {
  const reason = signOutReasonSchema.parse(reasonInput);
  const session = await getServerSession(authOptions);
  if (session?.sid) await signOutSession(session.sid, await requestIp(), reason);
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (!SESSION_COOKIE.test(name) && !SEARCH_COOKIE.test(name)) continue;
    jar.set(name, "", {
      maxAge: 0,
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: name.startsWith("__Secure-"),
    });
  }
}
