import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addLocalDays,
  isValidTimeZone,
  localDateOf,
  localTimeOf,
  nextWeekdayOnOrAfter,
  weekdayOf,
  zonedDateTime,
} from "@/lib/domain/core/zoned-time";

// Every expectation is an absolute UTC instant, so the machine's own zone (TZ) cannot matter.
const LA = "America/Los_Angeles";
const LONDON = "Europe/London";
const utc = (iso: string) => new Date(iso);

describe("zonedDateTime", () => {
  it("reads a wall time in the zone's offset on each side of a DST change", () => {
    expect(zonedDateTime("2027-03-13", "09:00", LA)).toEqual(utc("2027-03-13T17:00:00Z")); // PST, -8
    expect(zonedDateTime("2027-03-14", "09:00", LA)).toEqual(utc("2027-03-14T16:00:00Z")); // PDT, -7
    expect(zonedDateTime("2027-11-06", "09:00", LA)).toEqual(utc("2027-11-06T16:00:00Z"));
    expect(zonedDateTime("2027-11-07", "09:00", LA)).toEqual(utc("2027-11-07T17:00:00Z"));
    expect(zonedDateTime("2027-03-27", "09:00", LONDON)).toEqual(utc("2027-03-27T09:00:00Z")); // GMT
    expect(zonedDateTime("2027-03-28", "09:00", LONDON)).toEqual(utc("2027-03-28T08:00:00Z")); // BST
    expect(zonedDateTime("2027-10-31", "09:00", LONDON)).toEqual(utc("2027-10-31T09:00:00Z"));
  });

  it("moves a wall time in the spring-forward gap forward by the gap", () => {
    // 02:30 does not exist on 2027-03-14 in Los Angeles (02:00 PST jumps to 03:00 PDT).
    const gap = zonedDateTime("2027-03-14", "02:30", LA);
    expect(gap).toEqual(utc("2027-03-14T10:30:00Z"));
    expect(localTimeOf(gap, LA)).toBe("03:30");
    expect(localTimeOf(zonedDateTime("2027-03-28", "01:15", LONDON), LONDON)).toBe("02:15");
    // A half-hour gap: Lord Howe Island goes from 02:00 to 02:30 on 2027-10-03.
    expect(
      localTimeOf(zonedDateTime("2027-10-03", "02:15", "Australia/Lord_Howe"), "Australia/Lord_Howe"),
    ).toBe("02:45");
  });

  it("takes the first occurrence of a repeated fall-back wall time", () => {
    expect(zonedDateTime("2027-11-07", "01:30", LA)).toEqual(utc("2027-11-07T08:30:00Z")); // PDT
    expect(zonedDateTime("2027-10-31", "01:30", LONDON)).toEqual(utc("2027-10-31T00:30:00Z")); // BST
  });

  it("refuses dates, times and zones that are not real", () => {
    expect(() => zonedDateTime("2027-02-30", "09:00", LA)).toThrow(RangeError);
    expect(() => zonedDateTime("2027-3-1", "09:00", LA)).toThrow(RangeError);
    expect(() => zonedDateTime("2027-03-01", "24:00", LA)).toThrow(RangeError);
    expect(() => zonedDateTime("2027-03-01", "9:00", LA)).toThrow(RangeError);
    expect(() => zonedDateTime("2027-03-01", "09:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("addLocalDays", () => {
  it("keeps the wall-clock time across spring forward (the week is 167 hours)", () => {
    const before = zonedDateTime("2027-03-10", "09:00", LA);
    const after = addLocalDays(before, 7, LA);
    expect(after).toEqual(utc("2027-03-17T16:00:00Z"));
    expect(localTimeOf(after, LA)).toBe("09:00");
    expect(after.getTime() - before.getTime()).toBe(167 * 3_600_000);
  });

  it("keeps the wall-clock time across fall back (the week is 169 hours)", () => {
    const before = zonedDateTime("2027-11-03", "09:00", LA);
    const after = addLocalDays(before, 7, LA);
    expect(localDateOf(after, LA)).toBe("2027-11-10");
    expect(localTimeOf(after, LA)).toBe("09:00");
    expect(after.getTime() - before.getTime()).toBe(169 * 3_600_000);
  });

  it("goes backwards, across months, and in London", () => {
    const start = zonedDateTime("2027-04-02", "18:45", LONDON);
    const back = addLocalDays(start, -7, LONDON);
    expect(localDateOf(back, LONDON)).toBe("2027-03-26");
    expect(localTimeOf(back, LONDON)).toBe("18:45");
    expect(back).toEqual(utc("2027-03-26T18:45:00Z"));
  });

  it("lands in a gap like zonedDateTime, and zero days is the same instant", () => {
    const saturday = zonedDateTime("2027-03-13", "02:30", LA);
    expect(localTimeOf(addLocalDays(saturday, 1, LA), LA)).toBe("03:30");
    const secondOneThirty = utc("2027-11-07T09:30:00Z"); // 01:30 PST, the repeat
    expect(addLocalDays(secondOneThirty, 0, LA)).toEqual(secondOneThirty);
    expect(() => addLocalDays(saturday, 1.5, LA)).toThrow(RangeError);
  });
});

describe("local readings", () => {
  it("reads date, time and weekday in the zone, not in UTC", () => {
    const lateEvening = utc("2027-03-14T05:30:00Z"); // Saturday 21:30 PST in Los Angeles
    expect(localDateOf(lateEvening, LA)).toBe("2027-03-13");
    expect(localTimeOf(lateEvening, LA)).toBe("21:30");
    expect(weekdayOf(lateEvening, LA)).toBe(6);
    expect(localDateOf(lateEvening, LONDON)).toBe("2027-03-14");
    expect(weekdayOf(lateEvening, LONDON)).toBe(0);
  });

  it("reads both occurrences of a repeated fall-back hour as the same wall time", () => {
    expect(localTimeOf(utc("2027-10-31T00:30:00Z"), LONDON)).toBe("01:30"); // BST
    expect(localTimeOf(utc("2027-10-31T01:30:00Z"), LONDON)).toBe("01:30"); // GMT
    expect(localTimeOf(utc("2027-11-07T08:30:00Z"), LA)).toBe("01:30");
    expect(localTimeOf(utc("2027-11-07T09:30:00Z"), LA)).toBe("01:30");
  });
});

describe("calendar dates", () => {
  it("finds the next weekday on or after a date", () => {
    expect(nextWeekdayOnOrAfter("2027-03-01", 1)).toBe("2027-03-01"); // a Monday itself
    expect(nextWeekdayOnOrAfter("2027-03-01", 3)).toBe("2027-03-03");
    expect(nextWeekdayOnOrAfter("2027-03-01", 0)).toBe("2027-03-07");
    expect(nextWeekdayOnOrAfter("2027-12-30", 1)).toBe("2028-01-03");
    expect(() => nextWeekdayOnOrAfter("2027-03-01", 7)).toThrow(RangeError);
  });

  it("adds calendar days over month and leap-year ends", () => {
    expect(addCalendarDays("2028-02-27", 2)).toBe("2028-02-29");
    expect(addCalendarDays("2027-03-14", 7)).toBe("2027-03-21");
    expect(addCalendarDays("2027-01-03", -5)).toBe("2026-12-29");
  });
});

describe("isValidTimeZone", () => {
  it("knows IANA zones and refuses the rest", () => {
    expect(isValidTimeZone(LA)).toBe(true);
    expect(isValidTimeZone(LONDON)).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
