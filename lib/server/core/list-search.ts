import "server-only";
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getSessionUser } from "@/lib/server/auth/current-user";
import { listSearchFormSchema, type SearchList, searchTextSchema } from "@/lib/validation/search";
import { parseOrThrow } from "./parse";

/**
 * What a staff member typed into a list's search box. Names and e-mails are
 * identifying, so they travel in a POST and live in a short-lived, http-only,
 * same-site cookie scoped to this browser, never in a URL (which ends up in
 * browser history, server logs and Referer headers). The text belongs to the
 * sign-in that typed it: after signing out, or for the next person on a shared
 * computer, it is gone.
 */
const cookieName = (list: SearchList) => `kapstone-search-${list}`;
const MAX_AGE_SECONDS = 8 * 60 * 60;

/** Ties a search to one sign-in, without putting the session's id in another cookie. */
const owner = (sessionId: string) =>
  createHash("sha256").update(`kapstone search ${sessionId}`).digest("base64url").slice(0, 22);

export async function readSearchText(list: SearchList): Promise<string | undefined> {
  const actor = await getSessionUser();
  const raw = (await cookies()).get(cookieName(list))?.value;
  if (!actor || !raw) return undefined;
  const dot = raw.indexOf(".");
  if (dot < 0 || raw.slice(0, dot) !== owner(actor.sessionId)) return undefined;
  const parsed = searchTextSchema.safeParse(raw.slice(dot + 1));
  return parsed.success ? parsed.data : undefined;
}

export async function writeSearchText(list: SearchList, q: string | undefined) {
  const jar = await cookies();
  const actor = await getSessionUser();
  if (!q || !actor) {
    jar.delete(cookieName(list));
    return;
  }
  jar.set(cookieName(list), `${owner(actor.sessionId)}.${q}`, {
    httpOnly: true,
    sameSite: "strict",
    secure: serverEnv().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}

const LIST_PATH = { clients: "/clients", users: "/admin/users" } as const;
const FILTER_PARAM = { clients: "stage", users: "role" } as const;

/**
 * Keeps what a staff member searched a list for, and returns the list's address
 * with only its non-identifying filter in the query string.
 */
export async function searchList(actor: Actor, form: unknown): Promise<string> {
  if (!isStaff(actor.role)) throw new AppError("NOT_FOUND", "Not found.");
  const { list, q, filter, clear } = parseOrThrow(listSearchFormSchema, form);
  await writeSearchText(list, clear ? undefined : q);
  const params = new URLSearchParams();
  if (filter && !clear) params.set(FILTER_PARAM[list], filter);
  const query = params.toString();
  return query ? `${LIST_PATH[list]}?${query}` : LIST_PATH[list];
}
