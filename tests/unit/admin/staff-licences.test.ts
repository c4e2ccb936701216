import { describe, expect, it } from "vitest";
import {
  licenceCurrentAt,
  licensedStatesAt,
  missingLicences,
  staffLicencesSchema,
} from "@/lib/domain/admin/staff-licences";

const TZ = "America/Los_Angeles";
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
const licence = (state: string, expires: string) => ({ state, expiresAt: date(expires) });

describe("a licence's expiry", () => {
  it("counts through its expiry date where the practice is, not from the next day", () => {
    const ca = licence("CA", "2026-12-31");
    // 23:59 on 31 December in California is already 1 January in UTC.
    expect(licenceCurrentAt(ca, new Date("2027-01-01T07:59:00Z"), TZ)).toBe(true);
    expect(licenceCurrentAt(ca, new Date("2027-01-01T08:00:00Z"), TZ)).toBe(false);
  });

  it("lists the states covered at a moment, and what is missing with why", () => {
    const licences = [licence("CA", "2027-06-30"), licence("OR", "2026-01-31"), licence("wa", "2027-01-01")];
    const at = new Date("2026-12-03T18:00:00Z");
    expect(licensedStatesAt(licences, at, TZ)).toEqual(["CA", "WA"]);
    expect(missingLicences(licences, ["CA", "OR", "NV"], at, TZ)).toEqual([
      { state: "OR", expiredOn: "2026-01-31" },
      { state: "NV", expiredOn: null },
    ]);
    expect(missingLicences(licences, ["ca", "WA"], at, TZ)).toEqual([]);
  });
});

describe("the licence list a form sends", () => {
  it("needs a real expiry date and one licence per state", () => {
    expect(staffLicencesSchema.parse([{ state: "ca", expiresAt: "2027-06-30" }])).toEqual([
      { state: "CA", expiresAt: "2027-06-30" },
    ]);
    expect(staffLicencesSchema.safeParse([{ state: "CA", expiresAt: "" }]).success).toBe(false);
    expect(staffLicencesSchema.safeParse([{ state: "CA", expiresAt: "2027-02-29" }]).success).toBe(false);
    expect(staffLicencesSchema.safeParse([{ state: "ZZ", expiresAt: "2027-06-30" }]).success).toBe(false);
    const twice = staffLicencesSchema.safeParse([
      { state: "CA", expiresAt: "2027-06-30" },
      { state: "ca", expiresAt: "2028-06-30" },
    ]);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.path).toEqual([1, "state"]);
  });
});
