import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, type Role, STAFF_ROLES } from "@/lib/auth/permissions";
import { TWO_STEP_SETUP_FIRST, TWO_STEP_SETUP_PATH } from "@/lib/domain/auth/two-step-policy";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/server/core/request";
import { signOutReasonSchema } from "@/lib/validation/auth";
import { auditPageDenial, auditUnauthenticated } from "./denials";
import { authOptions } from "./next-auth-options";
import { resolveSession, signOutSession } from "./sessions";

/** The signed-in actor for this request, or null. Checked against the database once per request. */
export const getSessionUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.sid) return null;
  return resolveSession(session.sid, await requestIp());
});

/** next-auth's session cookie (chunked when large), as proxy.ts recognises it. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/**
 * Audits a request refused for want of a working session (rate-bounded per address,
 * lib/server/auth/denials.ts). proxy.ts lets through only requests with a session
 * cookie, so here the cookie was sent but its session ended or was never valid.
 */
async function auditNotSignedIn(action: "api.unauthenticated" | "page.unauthenticated") {
  let sentCookie = false;
  try {
    sentCookie = (await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name));
  } catch {
    // outside a request (scripts, tests)
  }
  await auditUnauthenticated({
    action,
    ip: await requestIp(),
    detail: { reason: sentCookie ? "session ended or not valid" : "no session" },
  });
}

/**
 * One page refusal per request: the layout and the page both check the role, and
 * render together, so the second check of a refused request writes no second row.
 */
const pageRefusal = cache(() => ({ audited: false }));

async function refusePage(actor: Actor, required: readonly Role[]): Promise<never> {
  const once = pageRefusal();
  if (!once.audited) {
    once.audited = true;
    await auditPageDenial(actor, required);
  }
  notFound();
}

/**
 * For pages: the actor, or a redirect to sign-in (audited), or to setting up two-step sign-in
 * when the practice requires it and it is not on yet (docs/security.md S5).
 */
export async function requireUser(): Promise<Actor> {
  const actor = await getSessionUser();
  if (!actor) {
    await auditNotSignedIn("page.unauthenticated");
    redirect("/signin");
  }
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

/** For staff pages: clients get the same not-found as for any page they may not see (audited). */
export async function requireStaff(...roles: Role[]): Promise<Actor> {
  const actor = await requireUser();
  if (!isStaff(actor.role) || (roles.length > 0 && !roles.includes(actor.role))) {
    return refusePage(actor, roles.length > 0 ? roles : STAFF_ROLES);
  }
  return actor;
}

/** For the client's portal pages: staff get not-found (audited). */
export async function requireClientUser(): Promise<Actor & { clientId: string }> {
  const actor = await requireUser();
  if (actor.role !== "CLIENT" || !actor.clientId) return refusePage(actor, ["CLIENT"]);
  return { ...actor, clientId: actor.clientId };
}

/**
 * For route handlers and server actions: the actor, or a 401 (audited); a 403 saying to set up
 * two-step sign-in first while the practice's requirement is not met, except for the
 * steps of that set-up (`duringTwoStepSetup`).
 */
export async function requireApiUser(options: { duringTwoStepSetup?: boolean } = {}): Promise<Actor> {
  const actor = await getSessionUser();
  if (!actor) {
    await auditNotSignedIn("api.unauthenticated");
    throw new AppError("UNAUTHENTICATED", "Please sign in.");
  }
  if (actor.twoStepSetupDue && !options.duringTwoStepSetup)
    throw new AppError("FORBIDDEN", TWO_STEP_SETUP_FIRST);
  return actor;
}
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
