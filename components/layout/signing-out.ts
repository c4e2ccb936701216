/**
 * The idle sign-out tells open drafts it is about to end the session: each
 * draft saves what is pending (while the session still works) and stops asking
 * "leave this page?", so the sign-in page replaces clinical text on screen.
 */
export const SIGNING_OUT = "kapstone:signing-out";

export type SigningOutDetail = { saves: Promise<unknown>[] };

/** Announces the sign-out and waits (at most `limitMs`) for the drafts' last saves. */
export async function announceSigningOut(limitMs = 5_000): Promise<void> {
  const detail: SigningOutDetail = { saves: [] };
  window.dispatchEvent(new CustomEvent<SigningOutDetail>(SIGNING_OUT, { detail }));
  if (detail.saves.length === 0) return;
  await Promise.race([
    Promise.allSettled(detail.saves),
    new Promise((resolve) => setTimeout(resolve, limitMs)),
  ]);
}
