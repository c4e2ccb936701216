import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { ageOn, parseIsoDate } from "@/lib/domain/core/dates";
import {
  idSchema,
  instantSchema,
  requiredText,
  UNSTORABLE_TEXT,
  versionSchema,
} from "@/lib/domain/core/fields";
import { isValidNpi } from "@/lib/domain/core/npi";
import { acceptInvitationSchema, newPasswordSchema, signInSchema } from "@/lib/validation/auth";
import { clientInvitationSchema, staffInvitationSchema } from "@/lib/validation/invitations";

describe("password policy (S6)", () => {
  it("the form's schema takes 8 to 128 characters (the server refuses common ones: tests/unit/auth/password-rules.test.ts)", () => {
    expect(newPasswordSchema.safeParse("short").success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(129)).success).toBe(false);
    expect(newPasswordSchema.safeParse("x".repeat(128)).success).toBe(true);
    expect(newPasswordSchema.safeParse("blue heron at dawn").success).toBe(true);
  });

  it("needs matching confirmation", () => {
    const r = acceptInvitationSchema.safeParse({
      token: "t".repeat(43),
      password: "blue heron at dawn",
      confirmPassword: "blue heron at dusk",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["confirmPassword"]);
  });

  it("normalises the sign-in e-mail", () => {
    expect(signInSchema.parse({ email: "  Maya@Clinic.EXAMPLE ", password: "x" }).email).toBe(
      "maya@clinic.example",
    );
  });
});

describe("invitation schemas", () => {
  const client = {
    legalFirstName: "Ana",
    legalLastName: "Silva",
    email: "ana@mail.example",
    dateOfBirth: "1990-02-28",
    state: "ca",
  };
  it("accepts a client and upper-cases the state", () => {
    expect(clientInvitationSchema.parse(client).state).toBe("CA");
  });
  it("refuses impossible or future birth dates and unknown states", () => {
    expect(clientInvitationSchema.safeParse({ ...client, dateOfBirth: "1990-02-30" }).success).toBe(false);
    expect(clientInvitationSchema.safeParse({ ...client, dateOfBirth: "2999-01-01" }).success).toBe(false);
    expect(clientInvitationSchema.safeParse({ ...client, state: "ZZ" }).success).toBe(false);
  });
  it("needs a licence with its expiry date for a prescriber, and a valid NPI when given", () => {
    const staff = { name: "Dr Who", email: "dr@clinic.example", role: "PRESCRIBER", licences: [] };
    const ca = [{ state: "CA", expiresAt: "2030-12-31" }];
    expect(staffInvitationSchema.safeParse(staff).success).toBe(false);
    expect(staffInvitationSchema.safeParse({ ...staff, licences: ca }).success).toBe(true);
    // A state alone, without its expiry, is no licence.
    expect(staffInvitationSchema.safeParse({ ...staff, licences: [{ state: "CA" }] }).success).toBe(false);
    expect(
      staffInvitationSchema.safeParse({ ...staff, licences: [{ state: "CA", expiresAt: "2030-02-30" }] })
        .success,
    ).toBe(false);
    expect(staffInvitationSchema.safeParse({ ...staff, licences: [...ca, ...ca] }).success).toBe(false);
    expect(staffInvitationSchema.safeParse({ ...staff, licences: ca, npi: "1234567890" }).success).toBe(
      false,
    );
    expect(staffInvitationSchema.safeParse({ ...staff, licences: ca, npi: "1234567893" }).success).toBe(true);
  });
});

describe("pure helpers", () => {
  it("checks NPI check digits", () => {
    expect(isValidNpi("1234567893")).toBe(true);
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
  });
  it("computes age by calendar date", () => {
    const dob = parseIsoDate("2008-06-15");
    if (!dob) throw new Error("bad date");
    expect(ageOn(dob, new Date("2026-06-14T12:00:00Z"), "UTC")).toBe(17);
    expect(ageOn(dob, new Date("2026-06-15T00:00:00Z"), "UTC")).toBe(18);
  });
  it("computes age by the calendar date in the practice's time zone", () => {
    const dob = parseIsoDate("2008-06-15");
    if (!dob) throw new Error("bad date");
    // 5 p.m. in Los Angeles on June 14 is already June 15 in UTC: still 17 at the clinic.
    const evening = new Date("2026-06-15T00:00:00Z");
    expect(ageOn(dob, evening, "America/Los_Angeles")).toBe(17);
    expect(ageOn(dob, new Date("2026-06-15T07:00:00Z"), "America/Los_Angeles")).toBe(18);
    // Auckland is ahead of UTC: the birthday starts there first.
    expect(ageOn(dob, new Date("2026-06-14T12:00:00Z"), "Pacific/Auckland")).toBe(18);
  });
  it("rejects impossible dates", () => {
    expect(parseIsoDate("2026-02-29")).toBeNull();
    expect(parseIsoDate("2028-02-29")).not.toBeNull();
  });
  it("fills practice settings with the docs/clinical-rules.md defaults and keeps valid overrides", () => {
    const s = readPracticeSettings({ bpHoldSystolic: 150, maxDosesPer7Days: "lots" });
    expect(s.bpHoldSystolic).toBe(150);
    expect(s.bpHoldDiastolic).toBe(90);
    expect(s.maxDosesPer7Days).toBe(2);
    expect(s.monitoringMinutes).toBe(120);
    expect(s.alertSpo2Below).toBe(92);
  });
});

describe("shared schemas refuse what the database cannot hold (docs/security.md R4)", () => {
  it("text with a NUL character or half a surrogate pair is a field error, whole emoji are fine", () => {
    const name = requiredText("a name");
    for (const bad of ["a\u0000b", "a\uD800", "\uDC00b"]) {
      expect(name.safeParse(bad).error?.issues.map((i) => i.message)).toEqual([UNSTORABLE_TEXT]);
    }
    expect(name.parse(" Maya 🧪 é ")).toBe("Maya 🧪 é");
  });

  it("an id is 1 to 40 letters or digits, and anything else fails without throwing", () => {
    expect(idSchema.safeParse("cmwyj3qh00000107dm9apng3r").success).toBe(true);
    for (const bad of ["", "x".repeat(41), "a-b", { length: Object.create(null) }, 0, null]) {
      expect(idSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("a version fits a 32-bit column", () => {
    expect(versionSchema.safeParse(2_147_483_647).success).toBe(true);
    expect(versionSchema.safeParse(2_147_483_648).success).toBe(false);
    expect(versionSchema.safeParse(0).success).toBe(false);
  });

  it("a time is between 1900 and 2099", () => {
    const instant = instantSchema();
    expect(instant.safeParse(new Date()).success).toBe(true);
    expect(instant.safeParse("2026-03-01T09:00:00Z").success).toBe(true);
    expect(instant.safeParse(new Date("0000-12-31T23:59:59.999Z")).success).toBe(false);
    expect(instant.safeParse("+275760-09-13T00:00:00.000Z").success).toBe(false);
    expect(instant.safeParse("not a time").success).toBe(false);
  });
});
