import { afterEach, describe, expect, it, vi } from "vitest";
import { announceSigningOut, SIGNING_OUT, type SigningOutDetail } from "@/components/layout/signing-out";

describe("announcing the idle sign-out to open drafts", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const page = (onSigningOut: (detail: SigningOutDetail) => void) => {
    const target = new EventTarget();
    target.addEventListener(SIGNING_OUT, (e) => onSigningOut((e as CustomEvent<SigningOutDetail>).detail));
    vi.stubGlobal("window", target);
  };

  it("waits for every draft's last save before the session ends", async () => {
    const finished: string[] = [];
    const save = (name: string, ms: number) =>
      new Promise<void>((resolve) =>
        setTimeout(() => {
          finished.push(name);
          resolve();
        }, ms),
      );
    page((detail) => detail.saves.push(save("note", 20), save("intake", 5)));
    await announceSigningOut();
    expect(finished.sort()).toEqual(["intake", "note"]);
  });

  it("goes on when a save fails", async () => {
    page((detail) => detail.saves.push(Promise.reject(new Error("offline"))));
    await expect(announceSigningOut()).resolves.toBeUndefined();
  });

  it("does not wait longer than its limit for a save that hangs", async () => {
    vi.useFakeTimers();
    page((detail) => detail.saves.push(new Promise(() => {})));
    let done = false;
    const announced = announceSigningOut(5_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await announced;
    expect(done).toBe(true);
  });
});
