/**
 * The layers of docs/architecture.md, checked on every import of the code: a
 * change that makes a lower layer reach up, lets a page or a component touch the
 * database, reads the environment outside lib/env.ts, or closes an import circle
 * fails the build here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SOURCE = /\.(ts|tsx)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .map((f) => `${dir}/${f.split(sep).join("/")}`)
    .filter((f) => SOURCE.test(f) && !f.endsWith(".d.ts") && !f.startsWith("lib/generated/"));
}

const files = [...filesUnder("app"), ...filesUnder("components"), ...filesUnder("lib")];
const text = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));

type Import = { from: string; spec: string; target: string | null; typeOnly: boolean };

/** A project module's repo path ("lib/domain/core/dates.ts"), or null for a package. */
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith("."))
    base = normalize(join(dirname(from), spec))
      .split(sep)
      .join("/");
  else return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    if (text.has(base + ext)) return base + ext;
  }
  return base;
}

/** Every import and re-export of a file, as the TypeScript compiler reads it. */
function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, text.get(file) ?? "", ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) =>
    out.push({ from: file, spec, target: resolve(file, spec), typeOnly });
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, Boolean(node.importClause?.isTypeOnly));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const imports = files.flatMap(importsOf);
/** "app", "components", or "lib/<layer>" for a repo path. */
const layerOf = (path: string): string => {
  const [top = "", second = ""] = path.split("/");
  return top === "lib" ? `lib/${second.replace(/\.tsx?$/, "")}` : top;
};
const show = (list: Import[]) => list.map((i) => `${i.from} -> ${i.spec}`);

/** Imports from `layer` that reach a project module outside `allowed`. */
function reaching(layer: string, allowed: (target: string, i: Import) => boolean) {
  return imports.filter((i) => i.target !== null && layerOf(i.from) === layer && !allowed(i.target, i));
}
const under = (target: string, ...prefixes: string[]) => prefixes.some((p) => target.startsWith(p));

describe("the layers, bottom to top: domain, validation, auth, server (the data layer), actions, components, app", () => {
  it("lib/domain imports nothing but other domain rules (and zod and date-fns)", () => {
    expect(show(reaching("lib/domain", (t) => under(t, "lib/domain/")))).toEqual([]);
    const packages = imports.filter((i) => i.target === null && layerOf(i.from) === "lib/domain");
    const pure = ["zod", "date-fns", "@date-fns/tz"];
    expect(show(packages.filter((i) => !pure.includes(i.spec)))).toEqual([]);
  });

  it("lib/validation builds on the domain only", () => {
    expect(show(reaching("lib/validation", (t) => under(t, "lib/domain/", "lib/validation/")))).toEqual([]);
  });

  it("lib/auth (who may do what) does not reach the data layer, the actions or the UI", () => {
    const allowed = (t: string, i: Import) =>
      under(t, "lib/auth/", "lib/domain/", "lib/validation/", "lib/errors") ||
      (i.typeOnly && under(t, "lib/generated/"));
    expect(show(reaching("lib/auth", allowed))).toEqual([]);
  });

  it("lib/server (the data layer) never imports the actions, components or pages", () => {
    expect(show(reaching("lib/server", (t) => !under(t, "lib/actions/", "components/", "app/")))).toEqual([]);
  });

  it("lib/actions calls the data layer and never the UI", () => {
    expect(show(reaching("lib/actions", (t) => !under(t, "components/", "app/", "lib/generated/")))).toEqual(
      [],
    );
  });

  it("components get actions from lib/actions, never from app/, and never touch the data layer", () => {
    const allowed = (t: string, i: Import) =>
      under(t, "components/", "lib/actions/", "lib/domain/", "lib/validation/", "lib/auth/permissions") ||
      under(t, "lib/errors", "lib/utils") ||
      // The shape of what a page hands a component may come from the data layer, as a type.
      (i.typeOnly && under(t, "lib/server/", "lib/auth/"));
    expect(show(reaching("components", allowed))).toEqual([]);
  });

  it("app/ and components/ never import Prisma or the database client", () => {
    const prisma = imports.filter(
      (i) =>
        ["app", "components"].includes(layerOf(i.from)) &&
        (i.spec.startsWith("@prisma/") ||
          (i.target !== null && under(i.target, "lib/generated/", "lib/server/core/db"))),
    );
    expect(show(prisma)).toEqual([]);
  });

  it("pages import actions only to hand them to components (never an app/ module of actions)", () => {
    const fromApp = imports.filter((i) => i.target?.startsWith("app/") && layerOf(i.from) !== "app");
    expect(show(fromApp)).toEqual([]);
  });
});

describe("one place for each kind of thing", () => {
  it('server actions are defined in lib/actions only ("use server" nowhere else)', () => {
    const elsewhere = files.filter(
      (f) => !f.startsWith("lib/actions/") && /^\s*["']use server["']/m.test(text.get(f) ?? ""),
    );
    expect(elsewhere).toEqual([]);
  });

  it("the environment is read through lib/env.ts", () => {
    const readers = files.filter((f) => f !== "lib/env.ts" && /\bprocess\.env\b/.test(text.get(f) ?? ""));
    expect(readers).toEqual([]);
  });

  it("lib/ has no import circles", () => {
    const graph = new Map<string, string[]>();
    for (const i of imports) {
      if (!i.from.startsWith("lib/") || !i.target?.startsWith("lib/") || !text.has(i.target)) continue;
      graph.set(i.from, [...(graph.get(i.from) ?? []), i.target]);
    }
    // Tarjan's strongly connected components: any component of two or more files is a circle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    let next = 0;
    const connect = (v: string) => {
      index.set(v, next);
      low.set(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          connect(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const v of graph.keys()) if (!index.has(v)) connect(v);
    expect(circles).toEqual([]);
  });

  it("reads what it checks: it sees the app's imports, resolved", () => {
    expect(imports.length).toBeGreaterThan(500);
    const unresolved = imports.filter(
      (i) => i.target !== null && !text.has(i.target) && !i.target.startsWith("lib/generated/"),
    );
    expect(show(unresolved).filter((s) => !/\.(css|json)$/.test(s))).toEqual([]);
  });
});
