/**
 * Scheduling conflicts between sessions being planned and what people are already busy with.
 * Intervals are half-open, [startsAt, endsAt): a session ending at 10:00 and one starting at 10:00
 * do not conflict, so back-to-back booking works. Comparison is on instants, so time zones and DST
 * cannot create or hide a conflict.
 */

export interface TimeInterval {
  startsAt: Date;
  endsAt: Date;
}

/** A session being planned or moved; `key` is the caller's handle (an index, a session id). */
export interface PlannedSlot extends TimeInterval {
  key: string;
}

/** Time someone is already committed: `who` is an id (clinician, client, room), `whoLabel` their name. */
export interface BusyBlock extends TimeInterval {
  who: string;
  whoLabel: string;
  /** What they are busy with, in words the scheduler can show ("Integration with Ana"). */
  what: string;
}

export interface SlotConflicts {
  key: string;
  startsAt: Date;
  endsAt: Date;
  /** The busy blocks overlapping this slot, earliest first; empty when the slot is free. */
  conflicts: BusyBlock[];
}

/**
 * True when the half-open intervals share at least one instant. An empty interval
 * (start at or after end) holds no instant and so overlaps nothing.
 */
export function overlaps(a: TimeInterval, b: TimeInterval): boolean {
  const [aStart, aEnd, bStart, bEnd] = [
    a.startsAt.getTime(),
    a.endsAt.getTime(),
    b.startsAt.getTime(),
    b.endsAt.getTime(),
  ];
  if (aStart >= aEnd || bStart >= bEnd) return false;
  return aStart < bEnd && bStart < aEnd;
}

/**
 * One entry per planned slot, in the order given, listing the busy blocks it overlaps. The caller
 * leaves out the busy block of the session being moved itself.
 */
export function findConflicts(planned: PlannedSlot[], busy: BusyBlock[]): SlotConflicts[] {
  const sortedBusy = [...busy].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
  return planned.map((slot) => ({
    key: slot.key,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    conflicts: sortedBusy.filter((block) => overlaps(slot, block)),
  }));
}
