import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with scripts/audit-deps.mjs
import { checkFloors, compareVersions } from "../../../scripts/lib/dependency-floors.mjs";

describe("dependency floors", () => {
  it("compares versions numerically, not as text", () => {
    expect(compareVersions("16.10.0", "16.2.6")).toBe(1);
    expect(compareVersions("7.0.13", "8.0.0")).toBe(-1);
    expect(compareVersions("8.0.0", "8.0.0")).toBe(0);
    expect(compareVersions("16.2.6-canary.1", "16.2.6")).toBe(0);
  });

  it("has every floored package installed at or above the version that fixes its advisories", () => {
    const low = (checkFloors() as { name: string; installed: string; ok: boolean }[]).filter((f) => !f.ok);
    expect(low.map((f) => `${f.name}@${f.installed}`)).toEqual([]);
  });
});
