import { describe, expect, it } from "vitest";
import { minuteOfDay, spanOnDay } from "@/components/scheduling/calendar-math";
import {
  type DaySpan,
  displaySpan,
  eventBox,
  gridHours,
  layoutDay,
  WORKING_HOURS,
} from "@/components/scheduling/day-layout";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";

const LA = "America/Los_Angeles";
/** Minutes since midnight: hm(6, 30) is 06:30. */
const hm = (hours: number, minutes = 0) => hours * 60 + minutes;
const span = (id: string, from: [number, number?], to: [number, number?]) => ({
  id,
  start: hm(...from),
  end: hm(...to),
});
/** id → [column, columns], for readable expectations. */
const columnsOf = (items: (DaySpan & { id: string })[], minDuration = 0) =>
  Object.fromEntries(layoutDay(items, minDuration).map((p) => [p.item.id, [p.column, p.columns]]));

describe("a session's minutes on the practice's day", () => {
  it("reads 06:30 in the practice's zone as minute 390, whatever the server's zone", () => {
    const start = zonedDateTime("2027-06-14", "06:30", LA); // 13:30 UTC
    expect(minuteOfDay(start, LA)).toBe(390);
    expect(minuteOfDay(start, "Europe/London")).toBe(14 * 60 + 30);
    const end = zonedDateTime("2027-06-14", "07:30", LA);
    expect(spanOnDay(start, end, "2027-06-14", LA)).toEqual({ start: 390, end: 450 });
    expect(spanOnDay(start, end, "2027-06-13", LA)).toBeNull();
    expect(spanOnDay(start, end, "2027-06-15", LA)).toBeNull();
  });

  it("shows a session that runs past midnight on both days", () => {
    const start = zonedDateTime("2027-06-14", "23:00", LA);
    const end = zonedDateTime("2027-06-15", "01:30", LA);
    expect(spanOnDay(start, end, "2027-06-14", LA)).toEqual({ start: 23 * 60, end: 24 * 60 });
    expect(spanOnDay(start, end, "2027-06-15", LA)).toEqual({ start: 0, end: 90 });
  });

  it("does not show a session ending at midnight on the next day", () => {
    const start = zonedDateTime("2027-06-14", "22:00", LA);
    const end = zonedDateTime("2027-06-15", "00:00", LA);
    expect(spanOnDay(start, end, "2027-06-14", LA)).toEqual({ start: 22 * 60, end: 24 * 60 });
    expect(spanOnDay(start, end, "2027-06-15", LA)).toBeNull();
  });

  it("places sessions by the wall clock on the days the clocks change", () => {
    // Spring forward: 09:00 PDT is still drawn at 09:00, under the 9:00 label.
    const spring = zonedDateTime("2027-03-14", "09:00", LA);
    expect(spanOnDay(spring, new Date(spring.getTime() + 3_600_000), "2027-03-14", LA)).toEqual({
      start: 540,
      end: 600,
    });
    // Fall back: 01:30 PDT to 01:30 PST is an hour, though the wall clock reads 01:30 twice.
    const fall = zonedDateTime("2027-11-07", "01:30", LA);
    expect(spanOnDay(fall, new Date(fall.getTime() + 3_600_000), "2027-11-07", LA)).toEqual({
      start: 90,
      end: 150,
    });
  });
});

describe("the grid's hours", () => {
  it("draws a 06:30 session at its own time: the grid starts at 06:00 and the box half an hour down", () => {
    const items = [span("early", [6, 30], [7, 30]), span("later", [9], [10])];
    const grid = gridHours(items);
    expect(grid).toEqual({ start: hm(6), end: WORKING_HOURS.end });
    const [early] = layoutDay(items).filter((p) => p.item.id === "early");
    if (!early) throw new Error("the 06:30 session was not placed");
    const box = eventBox(early, grid, 0.9);
    expect(box.top).toBeCloseTo(30 * 0.9);
    expect(box.height).toBeCloseTo(60 * 0.9);
  });

  it("keeps the working hours when every session fits in them", () => {
    expect(gridHours([span("a", [9, 30], [10, 30])])).toEqual(WORKING_HOURS);
    expect(gridHours([])).toEqual(WORKING_HOURS);
  });

  it("stretches to take in sessions before and after the working hours, never leaving one off", () => {
    expect(gridHours([span("dawn", [5, 15], [5, 45]), span("late", [21], [22, 10])])).toEqual({
      start: hm(5),
      end: hm(23),
    });
    expect(gridHours([span("night", [0], [0, 20])])).toEqual({ start: 0, end: WORKING_HOURS.end });
  });

  it("makes room for the shortest box drawn, and keeps a late short box inside the day", () => {
    expect(gridHours([span("short", [20, 50], [21])], 30)).toEqual({
      start: WORKING_HOURS.start,
      end: hm(22),
    });
    expect(displaySpan({ start: hm(23, 50), end: 24 * 60 }, 30)).toEqual({ start: hm(23, 30), end: 24 * 60 });
  });

  it("puts every box inside the grid", () => {
    const items = [span("a", [4, 10], [4, 20]), span("b", [6, 30], [9]), span("c", [23, 45], [23, 59])];
    const grid = gridHours(items, 30);
    const height = (grid.end - grid.start) * 0.9;
    for (const p of layoutDay(items, 30)) {
      const box = eventBox(p, grid, 0.9);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.height).toBeGreaterThan(0);
      expect(box.top + box.height).toBeLessThanOrEqual(height + 1e-9);
    }
  });
});

describe("overlapping sessions side by side", () => {
  it("gives a session alone the whole width", () => {
    expect(columnsOf([span("a", [9], [10])])).toEqual({ a: [0, 1] });
  });

  it("gives two overlapping sessions a column each, each half the width", () => {
    const placed = layoutDay([span("a", [9], [11]), span("b", [10], [12])]);
    expect(Object.fromEntries(placed.map((p) => [p.item.id, [p.column, p.columns]]))).toEqual({
      a: [0, 2],
      b: [1, 2],
    });
    const boxes = placed.map((p) => eventBox(p, WORKING_HOURS, 1));
    expect(boxes.map((b) => [b.leftPercent, b.widthPercent])).toEqual([
      [0, 50],
      [50, 50],
    ]);
  });

  it("gives three overlapping sessions three columns, each a third of the width", () => {
    const placed = layoutDay([span("c", [9, 30], [11]), span("a", [9], [12]), span("b", [9], [10])]);
    expect(Object.fromEntries(placed.map((p) => [p.item.id, [p.column, p.columns]]))).toEqual({
      a: [0, 3], // the longer of the two at 09:00 goes first
      b: [1, 3],
      c: [2, 3],
    });
    expect(placed.map((p) => eventBox(p, WORKING_HOURS, 1).widthPercent)).toEqual([
      100 / 3,
      100 / 3,
      100 / 3,
    ]);
  });

  it("uses two columns for a chain where A overlaps B and B overlaps C but A not C", () => {
    expect(columnsOf([span("a", [9], [10, 30]), span("b", [10], [11, 30]), span("c", [11], [12])])).toEqual({
      a: [0, 2],
      b: [1, 2],
      c: [0, 2],
    });
  });

  it("does not count sessions that touch (one ends at 10:00, the next starts at 10:00) as overlapping", () => {
    expect(columnsOf([span("a", [9], [10]), span("b", [10], [11])])).toEqual({
      a: [0, 1],
      b: [0, 1],
    });
  });

  it("lays out each group of overlapping sessions on its own", () => {
    expect(
      columnsOf([
        span("a", [9], [10]),
        span("b", [9, 30], [10, 30]),
        span("c", [13], [14]), // alone in the afternoon: the whole width
      ]),
    ).toEqual({ a: [0, 2], b: [1, 2], c: [0, 1] });
  });

  it("judges overlap on the boxes as drawn, so short sessions never cover each other", () => {
    // 10:00-10:10 is drawn to 10:30, so the 10:15 session goes beside it, not under it.
    expect(columnsOf([span("a", [10], [10, 10]), span("b", [10, 15], [11])], 30)).toEqual({
      a: [0, 2],
      b: [1, 2],
    });
    expect(columnsOf([span("a", [9, 30], [10]), span("b", [10], [10, 45])], 30)).toEqual({
      a: [0, 1],
      b: [0, 1],
    });
  });
});
