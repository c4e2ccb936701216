import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * What a page's first load may pull into the browser. The shell (header, menu,
 * idle sign-out) and the UI primitives come with every page, and the sign-in page
 * is the first page everyone sees: heavy libraries there cost every visit
 * (budget: 170 kB compressed per route; `npm run bench` measures it).
 */
const valueImports = (file: string) =>
  [...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)].map(
    (m) => m[1] as string,
  );

const filesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));

const HEAVY = [
  "radix-ui",
  "next-auth/react",
  "@tanstack/react-query",
  "lucide-react",
  "zod",
  "react-hook-form",
  "@hookform/resolvers/zod",
  "tailwind-merge",
  "@/lib/utils",
  "@/app/providers",
  "date-fns",
  "@date-fns/tz",
];

describe("first-load JavaScript", () => {
  it("the page shell imports no heavy client library", () => {
    // The shell and what it imports from beside it (menu, navigation, idle sign-out).
    const shell = ["components/layout/app-shell.tsx"];
    for (const file of shell) {
      for (const i of valueImports(file)) {
        const base = i.startsWith("./") ? join("components/layout", i.slice(2)) : null;
        const local = base && [`${base}.tsx`, `${base}.ts`].find((f) => existsSync(f));
        if (local && !shell.includes(local)) shell.push(local);
      }
    }
    expect(shell.length).toBeGreaterThan(3);
    for (const file of shell) {
      const heavy = valueImports(file).filter((i) => HEAVY.includes(i) || i.startsWith("@/lib/validation"));
      expect(heavy, file).toEqual([]);
    }
  });

  it("the root layout does not wrap every page in the TanStack Query provider", () => {
    expect(valueImports("app/layout.tsx")).not.toContain("./providers");
    expect(readFileSync("app/layout.tsx", "utf8")).not.toMatch(/QueryProvider|QueryClientProvider/);
  });

  it("the UI primitives merge classes without tailwind-merge", () => {
    for (const file of filesIn("components/ui")) {
      expect(valueImports(file), file).not.toContain("tailwind-merge");
      expect(valueImports(file), file).not.toContain("@/lib/utils");
    }
  });

  it("the sign-in form fetches zod and next-auth's client on demand, not with the page", () => {
    const imports = valueImports("components/auth/sign-in-form.tsx");
    for (const lib of ["zod", "@hookform/resolvers/zod", "next-auth/react", "@/lib/validation/auth"]) {
      expect(imports).not.toContain(lib);
    }
  });

  it("buttons that only run an action do not load the form library", () => {
    // useAction lives apart from useActionForm so that a page of buttons stays light.
    for (const file of ["components/forms/use-action.ts", "components/forms/form-errors.ts"]) {
      expect(valueImports(file), file).not.toContain("react-hook-form");
    }
  });

  it("forms fetch the zod resolver on first use, and forms on pages without zod fetch their schema too", () => {
    expect(valueImports("components/forms/use-action-form.ts")).not.toContain("@hookform/resolvers/zod");
    // Pages that ship no zod (the calendar, a series, notes, two-step sign-in, the portal's questionnaires and intake).
    const lazy = [
      "components/scheduling/session-forms.tsx",
      "components/scheduling/shift-series-form.tsx",
      "components/notes/note-parts.tsx",
      "components/auth/two-step-code-form.tsx",
      "components/measures/measure-form.tsx",
      "components/intake/intake-wizard.tsx",
    ];
    for (const file of lazy) {
      const heavy = valueImports(file).filter((i) => i === "zod" || i.startsWith("@/lib/validation"));
      expect(heavy, file).toEqual([]);
    }
  });
});
