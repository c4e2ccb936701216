import { describe, expect, it } from "vitest";
import { type BusyBlock, findConflicts, overlaps } from "@/lib/domain/scheduling/conflicts";

const t = (hhmm: string) => new Date(`2027-05-03T${hhmm}:00Z`);
const span = (from: string, to: string) => ({ startsAt: t(from), endsAt: t(to) });

describe("overlaps (half-open intervals)", () => {
  it("treats touching intervals as free", () => {
    expect(overlaps(span("09:00", "10:00"), span("10:00", "11:00"))).toBe(false);
    expect(overlaps(span("10:00", "11:00"), span("09:00", "10:00"))).toBe(false);
  });

  it("finds partial, contained and identical overlaps either way round", () => {
    expect(overlaps(span("09:00", "10:00"), span("09:59", "11:00"))).toBe(true);
    expect(overlaps(span("09:00", "12:00"), span("10:00", "11:00"))).toBe(true);
    expect(overlaps(span("10:00", "11:00"), span("09:00", "12:00"))).toBe(true);
    expect(overlaps(span("09:00", "10:00"), span("09:00", "10:00"))).toBe(true);
  });

  it("lets an empty or inverted interval overlap nothing", () => {
    expect(overlaps(span("10:00", "10:00"), span("09:00", "11:00"))).toBe(false);
    expect(overlaps(span("11:00", "10:00"), span("09:00", "12:00"))).toBe(false);
  });
});

describe("findConflicts", () => {
  const busy: BusyBlock[] = [
    { who: "u-lee", whoLabel: "Dr Lee", what: "Follow-up with Ana", ...span("12:00", "12:30") },
    { who: "c-emma", whoLabel: "Emma", what: "Integration", ...span("08:00", "09:00") },
    { who: "room-1", whoLabel: "Room 1", what: "Dosing with Sam", ...span("10:30", "13:30") },
  ];

  it("lists, per planned session, the busy blocks it overlaps, earliest first", () => {
    const result = findConflicts(
      [
        { key: "dose-1", ...span("09:00", "12:00") },
        { key: "integration-1", ...span("12:00", "13:00") },
        { key: "prep-1", ...span("07:00", "08:00") },
      ],
      busy,
    );
    expect(result.map((r) => [r.key, r.conflicts.map((c) => c.whoLabel)])).toEqual([
      ["dose-1", ["Room 1"]],
      ["integration-1", ["Room 1", "Dr Lee"]],
      ["prep-1", []],
    ]);
    expect(result[1]?.conflicts[1]).toMatchObject({ who: "u-lee", what: "Follow-up with Ana" });
  });

  it("returns nothing to report for nothing planned", () => {
    expect(findConflicts([], busy)).toEqual([]);
    expect(findConflicts([{ key: "a", ...span("09:00", "10:00") }], [])).toEqual([
      { key: "a", startsAt: t("09:00"), endsAt: t("10:00"), conflicts: [] },
    ]);
  });
});
