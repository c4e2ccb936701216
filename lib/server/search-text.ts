import "server-only";
import { cookies } from "next/headers";
import { serverEnv } from "@/lib/env";
import { type SearchList, searchTextSchema } from "@/lib/validation/search";

/**
 * What a staff member typed into a list's search box. Names and e-mails are
 * identifying, so they travel in a POST and live in a short-lived, http-only,
 * same-site cookie scoped to this browser, never in a URL (which ends up in
 * browser history, server logs and Referer headers).
 */
const cookieName = (list: SearchList) => `kapstone-search-${list}`;
const MAX_AGE_SECONDS = 8 * 60 * 60;

export async function readSearchText(list: SearchList): Promise<string | undefined> {
  const raw = (await cookies()).get(cookieName(list))?.value;
  const parsed = searchTextSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export async function writeSearchText(list: SearchList, q: string | undefined) {
  const jar = await cookies();
  if (!q) {
    jar.delete(cookieName(list));
    return;
  }
  jar.set(cookieName(list), q, {
    httpOnly: true,
    sameSite: "strict",
    secure: serverEnv().APP_URL.startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}
