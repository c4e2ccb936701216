import { describe, expect, it } from "vitest";
import {
  checkEntryTime,
  entryTimeFieldErrors,
  entryWindow,
  hasLateReason,
  isLateEntry,
} from "@/lib/domain/dosing/entry-time";

const start = new Date("2026-03-02T09:00:00Z");
const now = new Date("2026-03-02T11:00:00Z");
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000);
const codes = (f: Parameters<typeof checkEntryTime>[0]) => checkEntryTime(f).problems.map((p) => p.code);

describe("checkEntryTime (honest times)", () => {
  it("accepts a time from 15 minutes before the session starts, not a millisecond earlier", () => {
    const earliest = new Date(start.getTime() - 15 * 60_000);
    expect(codes({ sessionStartsAt: start, at: earliest, now, lateReason: "Charted from paper." })).toEqual(
      [],
    );
    expect(
      codes({
        sessionStartsAt: start,
        at: new Date(earliest.getTime() - 1),
        now,
        lateReason: "Charted from paper.",
      }),
    ).toEqual(["before-session"]);
    expect(entryWindow(start, now).earliest).toEqual(earliest);
  });

  it("accepts a time up to 2 minutes ahead of the server's clock, not beyond", () => {
    expect(checkEntryTime({ sessionStartsAt: start, at: at(2), now })).toEqual({ problems: [], late: false });
    const ahead = checkEntryTime({ sessionStartsAt: start, at: new Date(at(2).getTime() + 1), now });
    expect(ahead.problems).toEqual([
      { code: "in-future", field: "at", message: "This time is in the future: enter when it happened." },
    ]);
    expect(ahead.late).toBe(false);
  });

  it("calls an entry late only when more than 15 minutes old: exactly 15 is on time", () => {
    expect(checkEntryTime({ sessionStartsAt: start, at: at(-15), now })).toEqual({
      problems: [],
      late: false,
    });
    const late = checkEntryTime({ sessionStartsAt: start, at: new Date(at(-15).getTime() - 1), now });
    expect(late.late).toBe(true);
    expect(late.problems.map((p) => [p.code, p.field])).toEqual([["late-without-reason", "lateReason"]]);
    expect(isLateEntry(at(-15), now)).toBe(false);
    expect(isLateEntry(at(-16), now)).toBe(true);
  });

  it("takes a late entry with a reason of at least 5 characters, trimmed", () => {
    const f = { sessionStartsAt: start, at: at(-40), now };
    expect(checkEntryTime({ ...f, lateReason: "Paper" })).toEqual({ problems: [], late: true });
    expect(codes({ ...f, lateReason: "  Pap  " })).toEqual(["late-without-reason"]);
    expect(codes({ ...f, lateReason: null })).toEqual(["late-without-reason"]);
    expect(hasLateReason(" abcde ")).toBe(true);
    expect(hasLateReason("abcd")).toBe(false);
  });

  it("refuses a time outside the session whatever the reason, and never calls it late", () => {
    const before = checkEntryTime({
      sessionStartsAt: start,
      at: new Date("2026-03-01T10:00:00Z"),
      now,
      lateReason: "Yesterday's reading.",
    });
    expect(before).toMatchObject({ late: false, problems: [{ code: "before-session", field: "at" }] });
  });

  it("puts the time's problems on the entry's own field and the reason's on lateReason", () => {
    const timeProblems = checkEntryTime({ sessionStartsAt: start, at: at(10), now }).problems;
    expect(entryTimeFieldErrors(timeProblems, "takenAt")).toEqual({
      takenAt: ["This time is in the future: enter when it happened."],
    });
    const reasonProblems = checkEntryTime({ sessionStartsAt: start, at: at(-30), now }).problems;
    expect(Object.keys(entryTimeFieldErrors(reasonProblems, "takenAt"))).toEqual(["lateReason"]);
  });
});
