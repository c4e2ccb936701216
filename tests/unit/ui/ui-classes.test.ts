import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { cx } from "@/components/ui/classes";
import { Input, Select, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";

/** The class attribute a primitive renders with these props. */
function classOf(component: FunctionComponent<Record<string, unknown>>, props: Record<string, unknown> = {}) {
  const html = renderToStaticMarkup(createElement(component, props));
  return /class="([^"]*)"/.exec(html)?.[1] ?? "";
}

const PRIMITIVES = { Badge, Button, Card, CardTitle, Input, Notice, Select, Textarea } as unknown as Record<
  string,
  FunctionComponent<Record<string, unknown>>
>;

/** Every `<Primitive ... className="...">` in the app, with the primitive's name. */
function classNamesInTheApp(): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".tsx")) {
        const source = readFileSync(path, "utf8");
        for (const m of source.matchAll(/<(\w+)\b[^<>]*?\bclassName="([^"]+)"/g)) {
          if (m[1] && m[2] && m[1] in PRIMITIVES) found.push([m[1], m[2]]);
        }
      }
    }
  };
  walk("app");
  walk("components");
  return found;
}

describe("cx: a later utility replaces an earlier one of the same kind, as tailwind-merge does", () => {
  it.each([
    ["block w-full px-3 py-2 text-base sm:text-sm h-10", "w-32"],
    ["block w-full px-3 py-2 text-base text-slate-900 sm:text-sm min-h-24", "font-mono text-sm"],
    ["inline-flex h-10 px-4 bg-teal-700 text-white hover:bg-teal-800", "w-full sm:w-auto"],
    ["p-4 text-sm", "px-2"],
    ["px-2 py-1", "p-4"],
    ["mt-2 mx-3", "m-0"],
    ["hidden sm:block", "flex"],
    ["text-sm text-slate-900", "text-lg text-red-700"],
    ["bg-white border border-slate-300", "bg-red-50 border-red-600"],
    ["rounded-md font-medium", "rounded-lg font-semibold"],
    ["size-4", "w-6"],
    ["-mt-2", "mt-4"],
    ["h-10", "h-[3rem]"],
    ["w-[min(36rem,95vw)] max-h-[90dvh]", "max-h-screen"],
    ["aria-[invalid=true]:border-red-600 border-slate-300", "aria-[invalid=true]:border-amber-600"],
    ["bg-slate-900/40", "bg-white/80"],
    ["space-y-2", "space-y-4"],
    ["gap-2", "gap-x-4"],
  ])("%s + %s", (base, extra) => {
    expect(cx(base, extra)).toBe(twMerge(base, extra));
  });

  it("joins conditional classes like clsx", () => {
    expect(cx("a", false, null, undefined, ["b", { c: true, d: false }])).toBe("a b c");
  });

  it("gives what tailwind-merge gives for every className the app passes to a primitive", () => {
    const uses = classNamesInTheApp();
    expect(uses.length).toBeGreaterThan(20);
    for (const [name, extra] of uses) {
      const base = classOf(PRIMITIVES[name] as FunctionComponent<Record<string, unknown>>);
      expect(cx(base, extra), `${name} className="${extra}"`).toBe(twMerge(base, extra));
    }
  });

  it("gives what tailwind-merge gives for each button variant and size", () => {
    for (const variant of ["primary", "secondary", "danger", "ghost", "link"]) {
      for (const size of ["sm", "md", "lg"]) {
        const own = classOf(PRIMITIVES.Button as FunctionComponent<Record<string, unknown>>, {
          variant,
          size,
        });
        expect(own).toBe(twMerge(own));
        for (const extra of ["w-full", "h-12 px-2", "bg-red-700 text-white"]) {
          expect(cx(own, extra)).toBe(twMerge(own, extra));
        }
      }
    }
  });
});
