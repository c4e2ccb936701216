import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRODID,
  escapeText,
  foldLine,
  type IcsEventInput,
  icsCalendar,
  icsDateTime,
  icsEvent,
  icsFilename,
  initials,
} from "@/lib/domain/scheduling/ics";

const octets = (s: string) => new TextEncoder().encode(s).length;

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

const base: IcsEventInput = {
  uid: "session-1@kapstone",
  start: new Date("2027-03-14T17:00:00Z"),
  end: new Date("2027-03-14T20:00:00Z"),
  summary: "Dosing",
  updatedAt: new Date("2027-03-01T12:34:56.789Z"),
};

/** The unfolded value of the first `name` property in some calendar text. */
function propertyValue(text: string, name: string): string | undefined {
  const line = unfold(text)
    .split("\r\n")
    .find((l) => l.startsWith(`${name}:`));
  return line?.slice(name.length + 1);
}

describe("escapeText (RFC 5545 §3.3.11)", () => {
  it("escapes backslash, semicolon and comma", () => {
    expect(escapeText("a\\b")).toBe("a\\\\b");
    expect(escapeText("a;b")).toBe("a\\;b");
    expect(escapeText("a,b")).toBe("a\\,b");
  });

  it("writes every newline style as \\n", () => {
    expect(escapeText("a\nb")).toBe("a\\nb");
    expect(escapeText("a\r\nb")).toBe("a\\nb");
    expect(escapeText("a\rb")).toBe("a\\nb");
  });

  it("escapes a backslash once, even before characters that get escaped too", () => {
    expect(escapeText("\\;")).toBe("\\\\\\;");
    expect(escapeText("\\n")).toBe("\\\\n");
  });

  it("leaves colons and quotes alone and drops control characters other than tab", () => {
    expect(escapeText('Room: "Sage"')).toBe('Room: "Sage"');
    expect(escapeText("a\u0000b\u0007c\u007fd\te")).toBe("abcd\te");
  });

  it("escapes text fields inside an event", () => {
    const text = icsEvent({
      ...base,
      summary: "Dosing; N.S., room 2",
      description: "Bring water\nC:\\notes",
      location: "12 Main St, Suite 4; back door",
    }).join("\r\n");
    expect(propertyValue(text, "SUMMARY")).toBe("Dosing\\; N.S.\\, room 2");
    expect(propertyValue(text, "DESCRIPTION")).toBe("Bring water\\nC:\\\\notes");
    expect(propertyValue(text, "LOCATION")).toBe("12 Main St\\, Suite 4\\; back door");
  });

  it("does not backslash-escape a URL, and refuses a relative one", () => {
    const text = icsEvent({ ...base, url: "https://kapstone.example/s/1?a=1,2;b" }).join("\r\n");
    expect(propertyValue(text, "URL")).toBe("https://kapstone.example/s/1?a=1,2;b");
    expect(() => icsEvent({ ...base, url: "/sessions/1" })).toThrow(RangeError);
  });

  it("keeps a newline in a URL from starting a property of its own", () => {
    const lines = icsEvent({ ...base, url: "https://kapstone.example/s/1\r\nSTATUS:CANCELLED" });
    expect(lines.some((l) => l.startsWith("STATUS"))).toBe(false);
  });
});

describe("foldLine (RFC 5545 §3.1)", () => {
  it("leaves a line of exactly 75 octets alone and folds one of 76", () => {
    expect(foldLine("x".repeat(75))).toEqual(["x".repeat(75)]);
    expect(foldLine("x".repeat(76))).toEqual(["x".repeat(75), " x"]);
  });

  it("keeps every line within 75 octets and unfolds back to the original", () => {
    const line = `DESCRIPTION:${"Integration notes ".repeat(20)}`;
    const folded = foldLine(line);
    expect(folded.length).toBeGreaterThan(1);
    for (const l of folded) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of folded.slice(1)) expect(l.startsWith(" ")).toBe(true);
    expect(unfold(folded.join("\r\n"))).toBe(line);
  });

  it.each([
    ["é (2 octets)", "é"],
    ["€ (3 octets)", "€"],
    ["emoji (4 octets, a surrogate pair)", "🌿"],
    ["ZWJ emoji sequence", "👩‍⚕️"],
  ])("never splits %s across lines", (_label, char) => {
    // Offsets 0–3 move the multi-byte characters across every possible position at the fold.
    for (let shift = 0; shift < 4; shift++) {
      const line = `SUMMARY:${"a".repeat(shift)}${char.repeat(60)}`;
      const folded = foldLine(line);
      expect(folded.length).toBeGreaterThan(1);
      for (const l of folded) {
        expect(octets(l)).toBeLessThanOrEqual(75);
        // A split code point would show up as a lone surrogate or, once encoded, as U+FFFD.
        expect(l.isWellFormed()).toBe(true);
        expect(new TextDecoder().decode(new TextEncoder().encode(l))).toBe(l);
      }
      expect(unfold(folded.join("\r\n"))).toBe(line);
    }
  });

  it("folds long multi-byte text inside a whole calendar", () => {
    const description = `Séance d'intégration 🌿 — café, thé; notes: ${"é🧘".repeat(40)}`;
    const text = icsCalendar([{ ...base, description }], { name: "Kapstone — Dr Lee" });
    for (const line of text.split("\r\n").slice(0, -1)) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(propertyValue(text, "DESCRIPTION")).toBe(escapeText(description));
  });

  it("returns a single empty line for an empty input", () => {
    expect(foldLine("")).toEqual([""]);
  });
});

describe("icsDateTime and event times", () => {
  it("writes UTC form and drops milliseconds", () => {
    expect(icsDateTime(new Date("2027-03-01T12:34:56.789Z"))).toBe("20270301T123456Z");
    expect(icsDateTime(new Date("2027-01-02T03:04:05Z"))).toBe("20270102T030405Z");
  });

  it("refuses invalid dates", () => {
    expect(() => icsDateTime(new Date("nope"))).toThrow(RangeError);
    expect(() => icsDateTime(new Date("+010000-01-01T00:00:00Z"))).toThrow(RangeError);
  });

  it("places 09:00 Los Angeles sessions either side of the 2027 DST change at their true instants", () => {
    // US clocks spring forward on Sunday 2027-03-14: 09:00 is PST (UTC-8) the day before and PDT
    // (UTC-7) the day after, so the same wall time is 17:00Z and then 16:00Z.
    const saturday = new Date("2027-03-13T17:00:00Z");
    const monday = new Date("2027-03-15T16:00:00Z");
    const laClock = new Intl.DateTimeFormat("en-US", {
      timeZone: "America/Los_Angeles",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    expect(laClock.format(saturday)).toBe("09:00");
    expect(laClock.format(monday)).toBe("09:00");

    const hour = 60 * 60 * 1000;
    const sat = icsEvent({ ...base, start: saturday, end: new Date(saturday.getTime() + 3 * hour) });
    const mon = icsEvent({ ...base, start: monday, end: new Date(monday.getTime() + 3 * hour) });
    expect(sat).toContain("DTSTART:20270313T170000Z");
    expect(sat).toContain("DTEND:20270313T200000Z");
    expect(mon).toContain("DTSTART:20270315T160000Z");
    expect(mon).toContain("DTEND:20270315T190000Z");
  });

  it("stamps the event with updatedAt", () => {
    const lines = icsEvent(base);
    expect(lines).toContain("DTSTAMP:20270301T123456Z");
    expect(lines).toContain("LAST-MODIFIED:20270301T123456Z");
  });

  it("refuses an event that does not end after it starts", () => {
    expect(() => icsEvent({ ...base, end: base.start })).toThrow(RangeError);
    expect(() => icsEvent({ ...base, end: new Date("2027-03-14T16:00:00Z") })).toThrow(RangeError);
  });
});

describe("icsEvent", () => {
  it("writes the required properties between BEGIN and END", () => {
    expect(icsEvent(base)).toEqual([
      "BEGIN:VEVENT",
      "UID:session-1@kapstone",
      "DTSTAMP:20270301T123456Z",
      "DTSTART:20270314T170000Z",
      "DTEND:20270314T200000Z",
      "SUMMARY:Dosing",
      "LAST-MODIFIED:20270301T123456Z",
      "END:VEVENT",
    ]);
  });

  it("writes a cancelled event with its sequence so clients replace the earlier copy", () => {
    const lines = icsEvent({ ...base, status: "CANCELLED", sequence: 3 });
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("SEQUENCE:3");
    expect(lines.at(-1)).toBe("END:VEVENT");
  });

  it("writes the other statuses and a zero sequence", () => {
    expect(icsEvent({ ...base, status: "CONFIRMED" })).toContain("STATUS:CONFIRMED");
    expect(icsEvent({ ...base, status: "TENTATIVE", sequence: 0 })).toEqual(
      expect.arrayContaining(["STATUS:TENTATIVE", "SEQUENCE:0"]),
    );
  });

  it("refuses a negative or fractional sequence", () => {
    expect(() => icsEvent({ ...base, sequence: -1 })).toThrow(RangeError);
    expect(() => icsEvent({ ...base, sequence: 1.5 })).toThrow(RangeError);
  });
});

describe("icsCalendar", () => {
  const text = icsCalendar([base, { ...base, uid: "session-2@kapstone", status: "CANCELLED" }], {
    name: "Kapstone, Dr Lee",
    method: "PUBLISH",
  });

  it("uses CRLF for every line break and ends with one", () => {
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.endsWith("\r\n\r\n")).toBe(false);
  });

  it("writes the calendar header, then the events", () => {
    const lines = text.split("\r\n");
    expect(lines.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:${DEFAULT_PRODID}`,
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Kapstone\\, Dr Lee",
    ]);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(2);
    expect(lines).toContain("STATUS:CANCELLED");
  });

  it("takes a custom PRODID and leaves METHOD out unless asked", () => {
    const custom = icsCalendar([base], { name: "Feed", prodId: "-//Test//Test//EN" });
    expect(custom).toContain("\r\nPRODID:-//Test//Test//EN\r\n");
    expect(custom).not.toContain("METHOD:");
  });

  it("still writes a calendar when nothing is booked", () => {
    expect(icsCalendar([], { name: "Empty" })).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        `PRODID:${DEFAULT_PRODID}`,
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Empty",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });
});

describe("initials", () => {
  it.each([
    ["Noah", "Sullivan", "N.S."],
    ["noah", "sullivan", "N.S."],
    ["Mary-Jane", "O'Neil", "M.O."],
    ["Élodie", "Ångström", "É.Å."],
    ["e\u0301lodie", "øvre", "É.Ø."],
    ["  Noah ", "\tSullivan", "N.S."],
    ["Mary Ann", "van der Berg", "M.V."],
    ["'Ana", "-Lopez", "A.L."],
    ["Noah", "", "N."],
    ["", "Sullivan", "S."],
    ["", "", ""],
    ["123", "🌿", ""],
    ["ßara", "Łukasz", "ß.Ł."],
    ["王", "小明", "王.小."],
  ])("%j %j → %j", (first, last, expected) => {
    expect(initials(first, last)).toBe(expected);
  });

  it("never lets more than one letter of each name through", () => {
    const result = initials("Alexandria", "Montgomery-Smythe");
    expect(result.replace(/\./g, "")).toHaveLength(2);
  });
});

describe("icsFilename", () => {
  const day = new Date("2027-03-14T17:00:00Z");
  const safe = /^kapstone-[a-z0-9-]*\d{4}-\d{2}-\d{2}\.ics$/;

  it("builds a lowercase slug with the start date", () => {
    expect(icsFilename("Dosing", day)).toBe("kapstone-dosing-2027-03-14.ics");
    expect(icsFilename("Prescriber Follow-up", day)).toBe("kapstone-prescriber-follow-up-2027-03-14.ics");
  });

  it.each([
    ["Séance d'intégration", "kapstone-seance-d-integration-2027-03-14.ics"],
    ["../../etc/passwd", "kapstone-etc-passwd-2027-03-14.ics"],
    ['Dosing "N.S." <script>', "kapstone-dosing-n-s-script-2027-03-14.ics"],
    ["  --Dosing--  ", "kapstone-dosing-2027-03-14.ics"],
    ["a\r\nContent-Type: x", "kapstone-a-content-type-x-2027-03-14.ics"],
    ["🌿🧘", "kapstone-2027-03-14.ics"],
    ["", "kapstone-2027-03-14.ics"],
  ])("makes %j safe", (summary, expected) => {
    const name = icsFilename(summary, day);
    expect(name).toBe(expected);
    expect(name).toMatch(safe);
  });

  it("keeps a very long summary to a bounded length with no dangling hyphen", () => {
    const name = icsFilename(`${"integration ".repeat(20)}`, day);
    expect(name).toMatch(safe);
    expect(name).not.toContain("--");
    expect(name.length).toBeLessThanOrEqual("kapstone-".length + 60 + "-2027-03-14.ics".length);
  });

  it("uses the UTC day by default and the given zone's day when asked", () => {
    // 18:00 in Los Angeles on the 14th is already the 15th in UTC.
    const evening = new Date("2027-03-15T01:00:00Z");
    expect(icsFilename("Dosing", evening)).toBe("kapstone-dosing-2027-03-15.ics");
    expect(icsFilename("Dosing", evening, "America/Los_Angeles")).toBe("kapstone-dosing-2027-03-14.ics");
  });

  it("refuses an invalid date", () => {
    expect(() => icsFilename("Dosing", new Date("nope"))).toThrow(RangeError);
  });
});
