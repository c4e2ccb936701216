import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTimeRange, formatWaiting } from "@/lib/domain/core/format";

describe("showing times in the practice's time zone", () => {
  const at = new Date("2026-11-27T17:30:00Z");

  it("formats one instant in each zone, the same way every time", () => {
    expect(formatDateTime(at, "America/Los_Angeles")).toBe("Fri, Nov 27, 9:30 AM PST");
    expect(formatDateTime(at, "America/New_York")).toBe("Fri, Nov 27, 12:30 PM EST");
    expect(formatDateTime(at, "America/Los_Angeles")).toBe("Fri, Nov 27, 9:30 AM PST");
    expect(formatDate(new Date("2026-11-28T03:00:00Z"), "America/Los_Angeles")).toBe("Nov 27, 2026");
    expect(formatDate(new Date("2026-11-28T03:00:00Z"))).toBe("Nov 28, 2026");
  });

  it("shows a session's times of day in the practice's zone", () => {
    // ICU puts thin and narrow spaces around the dash and before AM; compare the words.
    const plain = (s: string) => s.replace(/[\s\u2009\u202f]+/g, " ");
    const LA = "America/Los_Angeles";
    expect(
      plain(formatTimeRange(new Date("2026-11-27T14:30:00Z"), new Date("2026-11-27T15:30:00Z"), LA)),
    ).toBe("6:30 – 7:30 AM");
    expect(plain(formatTimeRange(at, new Date("2026-11-27T22:00:00Z"), LA))).toBe("9:30 AM – 2:00 PM");
  });

  it("refuses a zone it does not know", () => {
    expect(() => formatDateTime(at, "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("says how long something has waited", () => {
    expect(formatWaiting(new Date(at.getTime() - 60_000), at)).toBe("1 minute");
    expect(formatWaiting(new Date(at.getTime() - 3 * 3_600_000), at)).toBe("3 hours");
    expect(formatWaiting(new Date(at.getTime() - 72 * 3_600_000), at)).toBe("3 days");
  });
});
