import { describe, expect, it } from "vitest";
import { allowedEntries, can, homePathFor, ROLES } from "@/lib/auth/permissions";

describe("permission table", () => {
  it("denies unknown roles, resources and actions", () => {
    expect(can(undefined, "read", "client")).toBe(false);
    expect(can("SUPERUSER", "read", "client")).toBe(false);
    expect(can("ADMIN", "read", "nonsense" as never)).toBe(false);
    expect(can("ADMIN", "obliterate", "client")).toBe(false);
    expect(can("toString", "read", "client")).toBe(false);
    expect(can("ADMIN", "read", "constructor" as never)).toBe(false);
  });

  it("lets only prescribers decide screenings and sign dosing records", () => {
    for (const role of ROLES) {
      expect(can(role, "decide", "screening")).toBe(role === "PRESCRIBER");
      expect(can(role, "sign", "dosingRecord")).toBe(role === "PRESCRIBER");
      expect(can(role, "write", "dosingOrder")).toBe(role === "PRESCRIBER");
    }
  });

  it("keeps clinical content away from admins and notes away from clients", () => {
    for (const resource of [
      "intake",
      "measure",
      "screening",
      "note",
      "privateNote",
      "dosingRecord",
    ] as const) {
      expect(can("ADMIN", "read", resource)).toBe(false);
    }
    expect(can("CLIENT", "read", "note")).toBe(false);
    expect(can("CLIENT", "read", "privateNote")).toBe(false);
    expect(can("PRESCRIBER", "read", "privateNote")).toBe(false);
  });

  it("lets clients write only their own intake, measures and consents", () => {
    expect(can("CLIENT", "write", "intake")).toBe(true);
    expect(can("CLIENT", "submit", "measure")).toBe(true);
    expect(can("CLIENT", "sign", "consent")).toBe(true);
    expect(can("THERAPIST", "write", "intake")).toBe(false);
    expect(can("PRESCRIBER", "write", "intake")).toBe(false);
    expect(can("CLIENT", "list", "client")).toBe(false);
  });

  it("lists every allowed entry, and each one passes can()", () => {
    const entries = allowedEntries();
    expect(entries.length).toBeGreaterThan(40);
    for (const e of entries) expect(can(e.role, e.action, e.resource as never)).toBe(true);
  });

  it("sends each role to its landing page", () => {
    expect(homePathFor("THERAPIST")).toBe("/caseload");
    expect(homePathFor("PRESCRIBER")).toBe("/screenings");
    expect(homePathFor("ADMIN")).toBe("/admin");
    expect(homePathFor("CLIENT")).toBe("/portal");
  });
});
