import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "@/lib/domain/auth/callback-url";
import { HOSTILE_CALLBACKS } from "../../fixtures/hostile-callbacks";

const ORIGIN = "http://localhost:3000";

describe("where a sign-in may return to", () => {
  it.each(HOSTILE_CALLBACKS)("refuses %j", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBeNull();
    expect(safeRedirectUrl(value, ORIGIN)).toBe(`${ORIGIN}/`);
  });

  it("keeps a path of this app, with its query and fragment", () => {
    expect(safeCallbackPath("/clients/abc?tab=notes#top", ORIGIN)).toBe("/clients/abc?tab=notes#top");
    expect(safeCallbackPath("http://localhost:3000/caseload", ORIGIN)).toBe("/caseload");
    expect(safeRedirectUrl("/portal", ORIGIN)).toBe(`${ORIGIN}/portal`);
  });

  it("answers something that is not a string, or a broken origin, without throwing", () => {
    for (const value of [undefined, null, 42, ["/caseload", "/admin"], { toString: () => "/x" }]) {
      expect(safeCallbackPath(value, ORIGIN)).toBeNull();
    }
    expect(safeRedirectUrl("/caseload", "not a url")).toBe("/");
  });

  it("for any string, either refuses it or gives a path that stays on this origin", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.webUrl(),
          fc.string({ maxLength: 40 }).map((s) => `/${s}`),
          fc.string({ maxLength: 40 }).map((s) => `${ORIGIN}${s}`),
        ),
        (value) => {
          const path = safeCallbackPath(value, ORIGIN);
          if (path === null) return;
          expect(path.startsWith("/")).toBe(true);
          expect(path.startsWith("//")).toBe(false);
          expect([...path].some((c) => c === "\\" || c.charCodeAt(0) < 0x20)).toBe(false);
          expect(new URL(path, ORIGIN).origin).toBe(ORIGIN);
          // A browser reads it the same way: as a path of this origin.
          expect(new URL(path, "https://other.example").origin).toBe("https://other.example");
        },
      ),
      { seed: 13, numRuns: 2000 },
    );
  });
});
