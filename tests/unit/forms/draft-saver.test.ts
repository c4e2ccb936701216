import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type DraftSaved, DraftSaver, type SavedDraft } from "@/components/forms/draft-saver";
import type { ActionResult } from "@/lib/actions/result";

type Body = Record<string, string>;
type Sent = { values: Body; version: number };

/** A request the test answers when it wants to. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const ok = (version: number): ActionResult<DraftSaved> => ({
  ok: true,
  data: { version, savedAt: new Date("2027-05-03T16:00:00Z") },
});
const stale: ActionResult<DraftSaved> = {
  ok: false,
  code: "CONFLICT",
  message: "This note was changed in another window or by someone else.",
};

/** A note editor's screen, its requests and what the server answers. */
function editor(opts: { version?: number; saved?: Body } = {}) {
  let screen: Body = { ...(opts.saved ?? {}) };
  const sent: Sent[] = [];
  const replies: ((s: Sent) => Promise<ActionResult<DraftSaved>>)[] = [];
  let onServer: SavedDraft<Body> = { ok: true, version: 1, values: {} };
  const saver = new DraftSaver<Body>({
    version: opts.version ?? 1,
    values: opts.saved ?? {},
    delayMs: 1500,
    read: () => screen,
    same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    send: (draft) => {
      const s = { values: draft.values, version: draft.version };
      sent.push(s);
      const reply = replies.shift();
      return reply ? reply(s) : Promise.resolve(ok(s.version + 1));
    },
    loadSaved: async () => onServer,
  });
  return {
    saver,
    sent,
    type(key: string, text: string) {
      screen = { ...screen, [key]: text };
      saver.changed();
    },
    get screen() {
      return screen;
    },
    /** The next saves get these answers, in order. */
    reply(...r: ((s: Sent) => Promise<ActionResult<DraftSaved>>)[]) {
      replies.push(...r);
    },
    serverHolds(version: number, values: Body) {
      onServer = { ok: true, version, values };
    },
    serverRefuses(message: string) {
      onServer = { ok: false, message };
    },
  };
}

const offline = () => Promise.reject(new TypeError("Failed to fetch"));
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("autosave of a draft", () => {
  it("saves a change 1.5 s after typing stops, not before", async () => {
    const e = editor();
    e.type("surfaced", "Grief");
    await vi.advanceTimersByTimeAsync(1400);
    e.type("surfaced", "Grief about the studio");
    await vi.advanceTimersByTimeAsync(1400);
    expect(e.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(e.sent).toEqual([{ values: { surfaced: "Grief about the studio" }, version: 1 }]);
    expect(e.saver.getState()).toMatchObject({ saving: false, unsaved: false, problem: null });
    expect(e.saver.getState().savedAt).toBeInstanceOf(Date);
  });

  it("never has two saves in flight for one draft: the next waits and carries the new version", async () => {
    const e = editor();
    const first = deferred<ActionResult<DraftSaved>>();
    e.reply(() => first.promise);
    e.type("surfaced", "First words");
    await vi.advanceTimersByTimeAsync(1500);
    e.type("insights", "More, typed while the first save was on its way");
    await vi.advanceTimersByTimeAsync(1500);
    void e.saver.flush();
    await settle();
    expect(e.sent).toHaveLength(1);
    expect(e.saver.getState()).toMatchObject({ saving: true, unsaved: true });

    first.resolve(ok(2));
    await settle();
    expect(e.sent).toHaveLength(2);
    expect(e.sent[1]?.version).toBe(2);
    expect(e.sent[1]?.values.insights).toBe("More, typed while the first save was on its way");
    expect(e.saver.getState().unsaved).toBe(false);
  });

  it("does not mark newer typing as saved when an older save comes back", async () => {
    const e = editor();
    const first = deferred<ActionResult<DraftSaved>>();
    e.reply(() => first.promise);
    e.type("surfaced", "One");
    void e.saver.flush();
    await settle();
    e.type("surfaced", "One and two");
    first.resolve(ok(2));
    await settle();
    expect(e.saver.getState()).toMatchObject({ saving: false, unsaved: true });
  });
});

describe("a save that cannot reach the server", () => {
  it("keeps the text, says it is not saved instead of saving forever, and tries again by itself", async () => {
    const e = editor();
    e.reply(offline);
    e.type("surfaced", "Typed on a train");
    const result = await e.saver.flush();
    expect(result).toEqual({ ok: false });
    expect(e.saver.getState()).toMatchObject({ saving: false, unsaved: true, problem: { kind: "offline" } });
    expect(e.screen.surfaced).toBe("Typed on a train");

    await vi.advanceTimersByTimeAsync(5000);
    expect(e.sent).toHaveLength(2);
    expect(e.sent[1]).toEqual({ values: { surfaced: "Typed on a train" }, version: 1 });
    expect(e.saver.getState()).toMatchObject({ unsaved: false, problem: null });
  });

  it("tries again at once when asked (Try again, the browser back online) and on the next change", async () => {
    const e = editor();
    e.reply(offline, offline);
    e.type("surfaced", "Typed offline");
    await e.saver.flush();
    e.saver.retry();
    await settle();
    expect(e.sent).toHaveLength(2);
    expect(e.saver.getState().problem).toEqual({ kind: "offline" });

    e.type("insights", "and a bit more");
    await vi.advanceTimersByTimeAsync(1500);
    expect(e.sent).toHaveLength(3);
    expect(e.sent[2]?.values).toEqual({ surfaced: "Typed offline", insights: "and a bit more" });
    expect(e.saver.getState()).toMatchObject({ unsaved: false, problem: null });
  });

  it("asks to sign in again when the session ended, and keeps the text", async () => {
    const e = editor();
    e.reply(() => Promise.resolve({ ok: false, code: "UNAUTHENTICATED", message: "Sign in." }));
    e.type("surfaced", "Before the time-out");
    await e.saver.flush();
    expect(e.saver.getState()).toMatchObject({ unsaved: true, problem: { kind: "signed-out" } });
    e.saver.retry();
    await settle();
    expect(e.saver.getState()).toMatchObject({ unsaved: false, problem: null });
  });
});

describe("leaving the screen", () => {
  it("saves what is pending at once instead of dropping the timer, and schedules nothing more", async () => {
    const e = editor();
    e.type("surfaced", "Typed just before moving on");
    e.saver.leave();
    await settle();
    expect(e.sent).toEqual([{ values: { surfaced: "Typed just before moving on" }, version: 1 }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(e.sent).toHaveLength(1);
  });

  it("does not retry on its own after the screen is gone", async () => {
    const e = editor();
    e.reply(offline);
    e.type("surfaced", "Typed then left");
    e.saver.leave();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(e.sent).toHaveLength(1);
  });
});

describe("another window saved first (409)", () => {
  it("sends this screen's answers again when the other window changed nothing shown here", async () => {
    // Another intake step was saved elsewhere: this step's answers on the server are still what was loaded.
    const e = editor({ version: 3, saved: { phone: "555 201 3344" } });
    e.reply(() => Promise.resolve(stale));
    e.serverHolds(4, { phone: "555 201 3344" });
    e.type("pronouns", "she/her");
    const result = await e.saver.flush();
    expect(result.ok).toBe(true);
    expect(e.sent.map((s) => s.version)).toEqual([3, 4]);
    expect(e.saver.getState()).toMatchObject({ conflict: null, unsaved: false });
  });

  it("stops autosaving and offers both versions when the other window changed these answers", async () => {
    const e = editor({ version: 3, saved: { pronouns: "" } });
    e.reply(() => Promise.resolve(stale));
    e.serverHolds(4, { pronouns: "they/them" });
    e.type("pronouns", "she/her");
    expect(await e.saver.flush()).toEqual({ ok: false });
    expect(e.saver.getState().conflict).toEqual({ theirs: { pronouns: "they/them" }, version: 4 });
    expect(e.sent).toHaveLength(1);

    // Typing goes on while the choice waits; nothing is sent over the other version.
    e.type("pronouns", "she/her, mostly");
    await vi.advanceTimersByTimeAsync(10_000);
    e.saver.leave();
    await settle();
    expect(e.sent).toHaveLength(1);
    expect(e.saver.getState().unsaved).toBe(true);
  });

  it("keeps mine: saves this screen over the other version, with its version number", async () => {
    const e = editor({ version: 3 });
    e.reply(() => Promise.resolve(stale));
    e.serverHolds(4, { pronouns: "they/them" });
    e.type("pronouns", "she/her");
    await e.saver.flush();
    await e.saver.keepMine();
    expect(e.sent[1]).toEqual({ values: { pronouns: "she/her" }, version: 4 });
    expect(e.saver.getState()).toMatchObject({ conflict: null, unsaved: false, problem: null });
  });

  it("takes the saved version without sending anything, and autosaves from it after that", async () => {
    const e = editor({ version: 3 });
    e.reply(() => Promise.resolve(stale));
    e.serverHolds(4, { pronouns: "they/them" });
    e.type("pronouns", "she/her");
    await e.saver.flush();
    expect(e.saver.takeSaved()).toEqual({ pronouns: "they/them" });
    expect(e.saver.getState()).toMatchObject({ conflict: null, unsaved: false, tookSaved: true });
    expect(e.sent).toHaveLength(1);
    e.type("pronouns", "they/them (or she/her)");
    await vi.advanceTimersByTimeAsync(1500);
    expect(e.sent[1]?.version).toBe(4);
  });

  it("marks it saved when the other window saved exactly what is on this screen", async () => {
    const e = editor({ version: 3 });
    e.reply(() => Promise.resolve(stale));
    e.serverHolds(4, { pronouns: "she/her" });
    e.type("pronouns", "she/her");
    expect((await e.saver.flush()).ok).toBe(true);
    expect(e.sent).toHaveLength(1);
    expect(e.saver.getState()).toMatchObject({ conflict: null, unsaved: false });
    expect(e.saver.version).toBe(4);
  });

  it("reports a refusal, not a choice, when the draft can no longer change (signed meanwhile)", async () => {
    const e = editor({ version: 3 });
    e.reply(() => Promise.resolve(stale));
    e.serverRefuses("This note was signed in another window.");
    e.type("surfaced", "Late thought");
    await e.saver.flush();
    expect(e.saver.getState()).toMatchObject({
      conflict: null,
      unsaved: true,
      problem: { kind: "refused", message: "This note was signed in another window." },
    });
  });
});

describe("other requests for the same draft", () => {
  it("wait for the save in flight (signing uses the version that save returns)", async () => {
    const e = editor();
    const first = deferred<ActionResult<DraftSaved>>();
    e.reply(() => first.promise);
    e.type("surfaced", "Done");
    void e.saver.flush();
    let signedWith: number | null = null;
    const signing = e.saver.exclusive(async () => {
      signedWith = e.saver.version;
    });
    await settle();
    expect(signedWith).toBeNull();
    first.resolve(ok(2));
    await signing;
    expect(signedWith).toBe(2);
  });
});
