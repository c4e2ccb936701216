import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { SIGNING_OUT, type SigningOutDetail } from "@/components/layout/signing-out";
import type { ActionResult } from "@/lib/actions/result";

/** What a draft save answers with: the draft's new version and when it was saved. */
export type DraftSaved = { version: number; savedAt: Date | string };

/** What the server holds now, fetched after a stale save (409). */
export type SavedDraft<T> = { ok: true; version: number; values: T } | { ok: false; message: string };

export type DraftProblem =
  /** The server could not be reached (no connection, or Kapstone was updated meanwhile). */
  { kind: "offline" } | { kind: "signed-out"; message: string } | { kind: "refused"; message: string };

export type DraftState<T> = {
  saving: boolean;
  savedAt: Date | null;
  /** Something on the screen is not on the server yet. */
  unsaved: boolean;
  problem: DraftProblem | null;
  /** Another window or device saved a different version first: the user chooses. */
  conflict: { theirs: T; version: number } | null;
  /** The user chose the saved version over theirs. */
  tookSaved: boolean;
};

export type DraftSaverOptions<T, R extends DraftSaved, M> = {
  /** The draft's version and values as the page loaded them. */
  version: number;
  values: T;
  /** Autosave this long after the last change. */
  delayMs: number;
  /** What is on the screen now. */
  read: () => T;
  /** Whether two versions hold the same answers. */
  same: (a: T, b: T) => boolean;
  send: (draft: { values: T; version: number; mode: M | undefined }) => Promise<ActionResult<R>>;
  loadSaved: () => Promise<SavedDraft<T>>;
};

export type FlushResult<R> = { ok: true; data: R | null } | { ok: false };

const SIGNED_OUT =
  "You were signed out, so this was not saved. Sign in again in another tab, then press Try again: what you typed is still here.";
/** Automatic retries after a failed save: 5 s, 10 s, 20 s, then every 30 s. */
const retryDelay = (failures: number) => Math.min(30_000, 5_000 * 2 ** Math.max(0, failures - 1));

/**
 * Autosave for one draft with a version column (a note, a client's intake step).
 * Saves run one after another, never two at once for the same draft: two saves
 * racing with one version would make the second look like another window's change.
 * A failed save keeps everything typed, says so, and is tried again. A stale save
 * (409) is only re-sent when the other window changed nothing on this screen;
 * otherwise autosave stops and both versions are offered to choose from.
 */
export class DraftSaver<T, R extends DraftSaved = DraftSaved, M = never> {
  version: number;
  /** What the server held, as far as this screen knows. */
  private base: T;
  private edits = 0;
  private savedEdits = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private active = true;
  private listeners = new Set<() => void>();
  private state: DraftState<T> = {
    saving: false,
    savedAt: null,
    unsaved: false,
    problem: null,
    conflict: null,
    tookSaved: false,
  };

  constructor(private readonly options: DraftSaverOptions<T, R, M>) {
    this.version = options.version;
    this.base = options.values;
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  getState = () => this.state;

  private set(patch: Partial<DraftState<T>>) {
    this.state = { ...this.state, ...patch, unsaved: this.edits !== this.savedEdits };
    for (const listener of this.listeners) listener();
  }

  /** Something on the screen changed: save it shortly (not while a conflict waits for a choice). */
  changed() {
    this.edits++;
    this.set({ tookSaved: false });
    if (!this.state.conflict) this.schedule();
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.active) this.timer = setTimeout(() => void this.flush(), this.options.delayMs);
  }

  /**
   * Saves now, after any save already running. `force` sends even when nothing
   * changed (to have the step checked, for instance).
   */
  flush(opts: { mode?: M; force?: boolean } = {}): Promise<FlushResult<R>> {
    clearTimeout(this.timer);
    return this.exclusive(() => this.saveOnce(opts));
  }

  /** Runs another request for this draft (signing it) after the saves before it, never beside them. */
  exclusive<X>(task: () => Promise<X>): Promise<X> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Tries a failed save again (the Try again button, the browser coming back online). */
  retry() {
    if (this.state.problem && !this.state.conflict) void this.flush();
  }

  /** Keeps this screen's version: saved over the other one. */
  keepMine() {
    const conflict = this.state.conflict;
    if (!conflict) return Promise.resolve<FlushResult<R>>({ ok: false });
    this.version = conflict.version;
    this.base = conflict.theirs;
    this.edits++;
    this.set({ conflict: null });
    return this.flush();
  }

  /** Takes the saved version; the caller puts it on the screen. */
  takeSaved(): T | null {
    const conflict = this.state.conflict;
    if (!conflict) return null;
    this.version = conflict.version;
    this.base = conflict.theirs;
    this.savedEdits = this.edits;
    this.set({ conflict: null, problem: null, tookSaved: true });
    return conflict.theirs;
  }

  /** The screen is back: autosave and retries may run again. */
  resume() {
    this.active = true;
    if (this.state.problem?.kind === "offline" && this.state.unsaved) this.scheduleRetry();
  }

  /** The screen goes away: no more timers; what is unsaved is saved now. */
  leave() {
    this.active = false;
    clearTimeout(this.retryTimer);
    if (this.state.unsaved && !this.state.conflict) void this.flush();
  }

  private scheduleRetry() {
    clearTimeout(this.retryTimer);
    if (this.active) this.retryTimer = setTimeout(() => this.retry(), retryDelay(this.failures));
  }

  private async saveOnce({ mode, force = false }: { mode?: M; force?: boolean }): Promise<FlushResult<R>> {
    if (this.state.conflict) return { ok: false };
    if (!force && this.edits === this.savedEdits) return { ok: true, data: null };
    clearTimeout(this.retryTimer);
    this.set({ saving: true });
    try {
      for (let attempt = 0; ; attempt++) {
        const values = this.options.read();
        const sent = this.edits;
        const result = await this.options.send({ values, version: this.version, mode });
        if (result.ok) {
          this.version = result.data.version;
          this.base = values;
          this.savedEdits = Math.max(this.savedEdits, sent);
          this.failures = 0;
          this.set({ saving: false, savedAt: new Date(result.data.savedAt), problem: null });
          return { ok: true, data: result.data };
        }
        if (result.code !== "CONFLICT") return this.refused(result);
        const saved = await this.options.loadSaved();
        // Not a newer version (a signed note, a submitted intake): nothing to choose between.
        if (!saved.ok || saved.version === this.version) {
          return this.refused({ code: "CONFLICT", message: saved.ok ? result.message : saved.message });
        }
        const now = this.options.read();
        if (!force && this.options.same(saved.values, now)) {
          // The other window saved exactly what is on this screen.
          this.version = saved.version;
          this.base = saved.values;
          this.savedEdits = this.edits;
          this.set({ saving: false, problem: null });
          return { ok: true, data: null };
        }
        if (
          attempt < 2 &&
          (this.options.same(saved.values, this.base) || this.options.same(saved.values, now))
        ) {
          // The other window changed something not on this screen (another intake step): send ours again.
          this.version = saved.version;
          this.base = saved.values;
          continue;
        }
        clearTimeout(this.timer);
        this.set({
          saving: false,
          problem: null,
          conflict: { theirs: saved.values, version: saved.version },
        });
        return { ok: false };
      }
    } catch {
      // No connection, or the app was updated since the page loaded: keep it all and keep trying.
      this.failures++;
      this.set({ saving: false, problem: { kind: "offline" } });
      this.scheduleRetry();
      return { ok: false };
    }
  }

  private refused(r: { code: string; message: string; fieldErrors?: Record<string, string[]> }) {
    if (r.code === "UNAUTHENTICATED") {
      this.set({ saving: false, problem: { kind: "signed-out", message: SIGNED_OUT } });
      return { ok: false } as const;
    }
    const detail = Object.values(r.fieldErrors ?? {})[0]?.[0];
    this.set({ saving: false, problem: { kind: "refused", message: detail ?? r.message } });
    // Something went wrong on the server's side: worth trying again by itself.
    if (r.code === "INTERNAL" || r.code === "UNAVAILABLE") {
      this.failures++;
      this.scheduleRetry();
    }
    return { ok: false } as const;
  }
}

/**
 * A DraftSaver for a component: saves what is pending when the component goes
 * away (moving to another page), when the tab is hidden or closed, retries when
 * the browser comes back online, and asks before leaving the page while
 * something is not saved.
 */
export function useDraftSaver<T, R extends DraftSaved = DraftSaved, M = never>(
  options: DraftSaverOptions<T, R, M>,
): [DraftState<T>, DraftSaver<T, R, M>] {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const [saver] = useState(
    () =>
      new DraftSaver<T, R, M>({
        version: options.version,
        values: options.values,
        delayMs: options.delayMs,
        read: () => latest.current.read(),
        same: (a, b) => latest.current.same(a, b),
        send: (draft) => latest.current.send(draft),
        loadSaved: () => latest.current.loadSaved(),
      }),
  );
  const state = useSyncExternalStore(saver.subscribe, saver.getState, saver.getState);

  useEffect(() => {
    saver.resume();
    const saveNow = () => {
      const s = saver.getState();
      if (s.unsaved && !s.conflict) void saver.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") saveNow();
    };
    const onOnline = () => saver.retry();
    let signingOut = false;
    const onSigningOut = (e: Event) => {
      signingOut = true;
      const s = saver.getState();
      // flush() also waits for a save already on its way.
      if ((s.unsaved || s.saving) && !s.conflict)
        (e as CustomEvent<SigningOutDetail>).detail.saves.push(saver.flush());
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const s = saver.getState();
      if (signingOut || (!s.unsaved && !s.saving)) return;
      saveNow();
      e.preventDefault();
      // Older browsers show the prompt only with a returnValue.
      e.returnValue = "";
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", saveNow);
    window.addEventListener("online", onOnline);
    window.addEventListener("beforeunload", onBeforeUnload);
    window.addEventListener(SIGNING_OUT, onSigningOut);
    return () => {
      window.removeEventListener(SIGNING_OUT, onSigningOut);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", saveNow);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("beforeunload", onBeforeUnload);
      saver.leave();
    };
  }, [saver]);

  return [state, saver];
}
