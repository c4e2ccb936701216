import { describe, expect, it } from "vitest";
import {
  inputShapeProblem,
  jsonTextTooDeep,
  MAX_INPUT_DEPTH,
  TOO_DEEP,
  TOO_MANY_PARTS,
} from "@/lib/domain/core/nesting";

const nestedText = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
function nestedValue(n: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < n; i++) v = [v];
  return v;
}

describe("how deep a JSON text nests (docs/security.md R4)", () => {
  it("takes 32 levels and refuses 33, and a 100,000-deep array without overflowing the stack", () => {
    expect(jsonTextTooDeep(nestedText(MAX_INPUT_DEPTH))).toBe(false);
    expect(jsonTextTooDeep(nestedText(MAX_INPUT_DEPTH + 1))).toBe(true);
    expect(jsonTextTooDeep(nestedText(100_000))).toBe(true);
    expect(jsonTextTooDeep(`{"a":${"{".repeat(40)}`)).toBe(true);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonTextTooDeep(JSON.stringify({ q: "[".repeat(1000) }))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify({ q: `\\"${"{".repeat(100)}\\"` }))).toBe(false);
    expect(jsonTextTooDeep(`["\\\\", ${nestedText(40)}]`)).toBe(true);
  });
});

describe("how deep and how big a decoded value is (docs/security.md R4)", () => {
  it("takes ordinary form input and refuses a value nested 33 deep, or 100,000 deep", () => {
    expect(inputShapeProblem({ step: "contact", values: { a: [1, { b: "x" }] }, version: 1 })).toBeNull();
    expect(inputShapeProblem(nestedValue(MAX_INPUT_DEPTH))).toBeNull();
    expect(inputShapeProblem(nestedValue(MAX_INPUT_DEPTH + 1))).toBe(TOO_DEEP);
    expect(inputShapeProblem({ values: nestedValue(100_000) })).toBe(TOO_DEEP);
  });

  it("refuses a cycle as endlessly deep", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(inputShapeProblem(a)).toBe(TOO_DEEP);
  });

  it("refuses a small value whose parts are shared into millions (a diamond chain)", () => {
    let v: unknown = "leaf";
    for (let i = 0; i < 30; i++) v = [v, v];
    expect(inputShapeProblem(v)).toBe(TOO_MANY_PARTS);
    expect(inputShapeProblem(new Array(100_000).fill(0))).toBe(TOO_MANY_PARTS);
  });

  it("looks into FormData, Maps and Sets, and counts a file or a date as one part", () => {
    const form = new FormData();
    form.append("name", "Ada");
    form.append("file", new Blob(["x"]));
    expect(inputShapeProblem(form)).toBeNull();
    expect(inputShapeProblem(new Map([["k", nestedValue(40)]]))).toBe(TOO_DEEP);
    expect(inputShapeProblem(new Set([nestedValue(40)]))).toBe(TOO_DEEP);
    expect(inputShapeProblem({ at: new Date() })).toBeNull();
  });
});
