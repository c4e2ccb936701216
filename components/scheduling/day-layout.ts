/**
 * Where sessions go on a day's time grid. Pure geometry in minutes since local midnight (wall
 * clock, 0 to 1440); calendar-math.ts turns instants in the practice's zone into these minutes.
 */

export const MINUTES_PER_DAY = 24 * 60;

/** A session's part of one day, in wall-clock minutes since that day's midnight. */
export type DaySpan = { start: number; end: number };

export type GridHours = { start: number; end: number };

/** The hours a grid shows when nothing is booked outside them. */
export const WORKING_HOURS: GridHours = { start: 7 * 60, end: 21 * 60 };

/**
 * Whole hours wide enough for every session shown (all days of a week share one axis):
 * the working hours, stretched to the hour before the earliest start and the hour after the
 * latest end, so no session is drawn at a time it does not have or left off the grid.
 */
export function gridHours(spans: DaySpan[], minDuration = 0, base: GridHours = WORKING_HOURS): GridHours {
  let start = base.start;
  let end = base.end;
  for (const span of spans) {
    const box = displaySpan(span, minDuration);
    start = Math.min(start, Math.floor(box.start / 60) * 60);
    end = Math.max(end, Math.ceil(box.end / 60) * 60);
  }
  return { start: Math.max(0, start), end: Math.min(MINUTES_PER_DAY, end) };
}

/**
 * The minutes a session's box covers: at least `minDuration` tall so its label can be read,
 * moved up rather than past midnight when it is that short and that late.
 */
export function displaySpan(span: DaySpan, minDuration = 0): DaySpan {
  const end = Math.max(span.end, span.start + minDuration);
  if (end <= MINUTES_PER_DAY) return { start: span.start, end };
  return { start: Math.max(0, MINUTES_PER_DAY - (end - span.start)), end: MINUTES_PER_DAY };
}

export type Placed<T> = {
  item: T;
  /** The box's minutes (see displaySpan). */
  start: number;
  end: number;
  /** 0-based column, and how many columns its group of overlapping sessions needs. */
  column: number;
  columns: number;
};

/**
 * Lays out one day's sessions as Google Calendar does: sessions that overlap (directly or through
 * a chain) form a group; each takes the leftmost column free at its start, and every session in
 * the group gets an equal share of the width. A session ending at 10:00 and one starting at 10:00
 * do not overlap. Overlap is judged on the boxes as drawn (`minDuration`), so two short sessions
 * never cover each other either.
 */
export function layoutDay<T extends DaySpan>(items: T[], minDuration = 0): Placed<T>[] {
  const boxes = items
    .map((item) => ({ item, ...displaySpan(item, minDuration), column: 0, columns: 1 }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: Placed<T>[] = [];
  let group: Placed<T>[] = [];
  let columnEnds: number[] = [];
  let groupEnd = Number.NEGATIVE_INFINITY;
  const closeGroup = () => {
    for (const p of group) p.columns = columnEnds.length;
    placed.push(...group);
    group = [];
    columnEnds = [];
  };
  for (const box of boxes) {
    if (box.start >= groupEnd) closeGroup();
    const free = columnEnds.findIndex((end) => end <= box.start);
    box.column = free === -1 ? columnEnds.length : free;
    columnEnds[box.column] = box.end;
    groupEnd = group.length === 0 ? box.end : Math.max(groupEnd, box.end);
    group.push(box);
  }
  closeGroup();
  return placed;
}

/** Pixel and percentage position of a placed session inside a day column of the grid. */
export function eventBox(p: Placed<unknown>, grid: GridHours, pxPerMinute: number) {
  return {
    top: (p.start - grid.start) * pxPerMinute,
    height: (p.end - p.start) * pxPerMinute,
    leftPercent: (p.column / p.columns) * 100,
    widthPercent: 100 / p.columns,
  };
}
