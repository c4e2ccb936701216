/**
 * docs/security.md R4: bad input never gives a 500. Every route handler under app/api
 * and every server action of lib/actions is called with random input (fast-check,
 * 100 runs each, a fixed seed per handler) by a therapist, a prescriber, a client
 * and an admin of a practice with real records. A handler must answer below 500
 * with the shared problem shape; an action must return a result that is not
 * INTERNAL, or redirect.
 *
 * The handlers and actions are found when the test starts (route files under app/api,
 * the modules of lib/actions), and each declares the schemas of its input as values
 * (`route({ body, query, params }, ...)`, `action(schema, ...)`), which shape the fuzzed
 * input. A new route or action is fuzzed without editing this file.
 * To explore beyond the fixed CI runs: FUZZ_SEED=<n> shifts every seed, FUZZ_RUNS=<n> runs more.
 */
import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { idSchema, UNSTORABLE_TEXT } from "@/lib/domain/core/fields";
import { TOO_DEEP, TOO_MANY_PARTS } from "@/lib/domain/core/nesting";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import { db } from "@/lib/server/core/db";
import type { RouteInput } from "@/lib/server/core/http";
import { beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { openNote } from "@/lib/server/notes/session-notes";
import { protocolTemplateFormValues } from "@/lib/validation/protocol-templates";
import { HOSTILE_CALLBACKS } from "../../fixtures/hostile-callbacks";
import {
  completePreparationsInThePast,
  createDefaultTemplate,
  createWeeklySeries,
  type Scene,
  sceneWithConsents,
  screenClientA,
} from "../../fixtures/journey";

// ── The request context the handlers and actions see ─────────────────────────

const ctx = vi.hoisted(() => ({
  actor: null as Actor | null,
  headers: new Headers(),
  cookies: new Map<string, string>(),
}));

/** What next/navigation's redirect() and notFound() throw here: an expected way to end an action. */
const navigation = vi.hoisted(() => ({
  to: (kind: string): never => {
    throw Object.assign(new Error(`navigation: ${kind}`), { navigation: kind });
  },
}));
const isNavigation = (e: unknown) =>
  e instanceof Error && typeof (e as { navigation?: unknown }).navigation === "string";

vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  redirect: (to: string) => navigation.to(`redirect ${to}`),
  permanentRedirect: (to: string) => navigation.to(`redirect ${to}`),
  // How lib/actions/define.ts lets a navigation through.
  unstable_rethrow: (e: unknown) => {
    if (typeof (e as { navigation?: unknown } | null)?.navigation === "string") throw e;
  },
  notFound: () => navigation.to("not found"),
  forbidden: () => navigation.to("forbidden"),
  unauthorized: () => navigation.to("unauthorized"),
}));

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  refresh: () => {},
}));

vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  headers: async () => ctx.headers,
  cookies: async () => {
    const jar = ctx.cookies;
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string) => void jar.set(name, String(value)),
      delete: (name: string) => void jar.delete(name),
    };
  },
}));

vi.mock("@/lib/server/auth/current-user", async (importOriginal) => {
  const { AppError } = await import("@/lib/errors");
  const { signOutReasonSchema } = await import("@/lib/validation/auth");
  const staff = ["THERAPIST", "PRESCRIBER", "ADMIN"];
  const requireUser = async () => ctx.actor ?? navigation.to("redirect /signin");
  return {
    ...(await importOriginal<object>()),
    getSessionUser: async () => ctx.actor,
    requireUser,
    requireStaff: async (...roles: string[]) => {
      const actor = await requireUser();
      if (!staff.includes(actor.role) || (roles.length > 0 && !roles.includes(actor.role)))
        navigation.to("not found");
      return actor;
    },
    requireClientUser: async () => {
      const actor = await requireUser();
      if (actor.role !== "CLIENT" || !actor.clientId) navigation.to("not found");
      return actor;
    },
    requireApiUser: async () => {
      if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Please sign in.");
      return ctx.actor;
    },
    // Signing this browser out reads its reason with the shared schema; there is no cookie jar here.
    endCurrentSession: async (reason: unknown) => {
      signOutReasonSchema.parse(reason);
    },
  };
});

type ZodDef = { type: string; [k: string]: unknown };
const defOf = (s: unknown): ZodDef | undefined => (s as { _zod?: { def?: ZodDef } } | null)?._zod?.def;

// ── What to fuzz: found on disk ──────────────────────────────────────────────

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const API = join(ROOT, "app", "api");
const ACTIONS = join(ROOT, "lib", "actions");

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  input?: RouteInput;
};

const routeFiles = readdirSync(API, { recursive: true, encoding: "utf8" })
  .map((f) => f.split(sep).join("/"))
  .filter((f) => /(^|\/)route\.ts$/.test(f) && !f.includes("[..."));

type Route = { name: string; path: string; params: string[]; handler: Handler };
const routes: Route[] = [];
for (const file of routeFiles) {
  const mod = (await import(/* @vite-ignore */ join(API, file))) as Record<string, unknown>;
  const path = `/api/${file.replace(/\/?route\.ts$/, "")}`;
  const params = [...path.matchAll(/\[([^\]./]+)\]/g)].map((m) => m[1] as string);
  for (const method of METHODS) {
    const handler = mod[method];
    if (typeof handler === "function")
      routes.push({ name: `${method} ${path}`, path, params, handler: handler as Handler });
  }
}

type Action = {
  name: string;
  exportName: string;
  action: ((...args: unknown[]) => Promise<unknown>) & { schema?: unknown; access?: string };
};
/** The action modules: every file of lib/actions but the helpers that define actions. */
const actionFiles = readdirSync(ACTIONS).filter(
  (f) => f.endsWith(".ts") && !["define.ts", "result.ts"].includes(f),
);
const actions: Action[] = [];
/** Exports of action modules that are not actions made by define.ts (there must be none). */
const notActions: string[] = [];
for (const file of actionFiles) {
  const mod = (await import(/* @vite-ignore */ join(ACTIONS, file))) as Record<string, unknown>;
  for (const [exportName, action] of Object.entries(mod)) {
    const candidate = action as Action["action"];
    if (typeof candidate === "function" && defOf(candidate.schema))
      actions.push({ name: `lib/actions/${file} ${exportName}`, exportName, action: candidate });
    else notActions.push(`lib/actions/${file} ${exportName}`);
  }
}

// ── Fuzzed values ────────────────────────────────────────────────────────────

const HUGE = [
  "x".repeat(100_000),
  "x".repeat(1_000_000),
  "é".repeat(20_000),
  "🧪".repeat(10_000),
  "9".repeat(400),
  " ".repeat(5_000),
];
const TRICKY = [
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "a\uDC00b",
  "../../etc/passwd",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "%E0%A4%A",
  "2026-02-30",
  "2026-13-01",
  "0000-01-01",
  "9999-12-31",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20T00:00:00.000Z",
  "24:00",
  "23:59",
  "09:00",
  "Infinity",
  // Bidirectional controls and zero-width characters, alone and around a name.
  "\u202E",
  "\u202Eevil",
  "Ada\u200BLovelace",
  "\u2066\u2069",
  "\u200B\u200C\u200D\u2060\uFEFF",
  "\u200E\u200F\u061C",
  // Callback addresses that leave the site or do not parse (docs/security.md S12).
  ...HOSTILE_CALLBACKS,
];

/** `[[[…]]]`, `depth` arrays deep, built without recursion. */
function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}
/** `{"a":{"a":…}}`, `depth` objects deep. */
function deepObject(depth: number): unknown {
  let v: unknown = {};
  for (let i = 1; i < depth; i++) v = { a: v };
  return v;
}
/** A small value whose parts are shared: 2^levels leaves, counted as a tree. */
function diamond(levels: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = [v, v];
  return v;
}
/** Values too deep or too large for a schema to walk (never JSON.stringify them: that recurses). */
const DEEP = (
  [
    [deepArray(100_000), "deepArray(100000)"],
    [deepObject(50_000), "deepObject(50000)"],
    [deepArray(33), "deepArray(33)"],
    [diamond(40), "diamond(40)"],
  ] as const
).map(([v, label]) => Object.defineProperty(v as object, fc.toStringMethod, { value: () => label }));
/** JSON texts too deep or too large for a route handler to read. */
const DEEP_TEXT = [
  `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
  `{"q":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
  `{"q":"${"x".repeat(70_000)}"}`,
];
const NUMBERS = [
  0,
  -0,
  -1,
  1,
  2,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e20,
  -1e20,
  0.5,
  Number.NaN,
  Infinity,
  -Infinity,
];
const DATE_KEY = /date|time|At$|until|from|^to$|birth/i;

type Arbs = {
  value: fc.Arbitrary<unknown>;
  object: fc.Arbitrary<Record<string, unknown>>;
  id: fc.Arbitrary<string>;
  dateish: fc.Arbitrary<string>;
  fromSchema: (schema: unknown) => fc.Arbitrary<unknown>;
};

const checksOf = (def: ZodDef) =>
  ((def.checks as { _zod: { def: Record<string, unknown> } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Labels a generated object so that a counterexample prints readably. */
const labelled = <T extends object>(o: T, label: () => string): T =>
  Object.defineProperty(o, fc.toStringMethod, { value: label, enumerable: false });

function arbitraries(ids: string[], keys: string[], idPattern: string): Arbs {
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    fc.stringMatching(/^[a-z0-9]{1,40}$/),
    fc.string({ unit: "binary" }),
    fc.constantFrom(...TRICKY, ...HUGE),
  );
  const instant = fc.oneof(
    fc.date().map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())),
    fc
      .date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString()),
  );
  const localDate = fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  );
  const localTime = fc
    .tuple(fc.integer({ min: -5, max: 30 }), fc.integer({ min: -5, max: 70 }))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const dateish = fc.oneof(instant, localDate, localTime);
  /** Dates and times in the shapes a field's name suggests (`startsAt`, `date`, `time`, …). */
  const dateFor = (key: string) =>
    /At$|from|^to$|until/i.test(key)
      ? instant
      : /date|birth/i.test(key)
        ? localDate
        : /time/i.test(key)
          ? localTime
          : dateish;
  const nastyString = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.constantFrom(...TRICKY, ...HUGE),
  );
  const scalar = fc.oneof(
    nastyString,
    fc.integer(),
    fc.constantFrom(...NUMBERS),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    dateish,
    id,
  );
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    fc.string(),
    fc.constantFrom(...TRICKY),
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      { weight: 5, arbitrary: scalar },
      fc.array(tie("value"), { maxLength: 5 }),
      fc.dictionary(key, tie("value"), { maxKeys: 8 }),
    ),
  }));
  const object = fc.dictionary(key, value, { maxKeys: 10 });

  /**
   * Values shaped by a zod schema of lib/validation, so that fuzzing reaches past
   * the first field: mostly what the schema asks for, and now and then something
   * else at any depth (wrong types, NUL bytes, lone surrogates, huge strings).
   */
  const fromSchema = (schema: unknown, key = "", depth = 0): fc.Arbitrary<unknown> => {
    const valid = validFor(schema, key, depth);
    return fc.oneof({ weight: 14, arbitrary: valid }, { weight: 1, arbitrary: value });
  };
  const validFor = (schema: unknown, key: string, depth: number): fc.Arbitrary<unknown> => {
    const def = defOf(schema);
    if (!def || depth > 10) return value;
    const inner = (s: unknown) => fromSchema(s, key, depth + 1);
    switch (def.type) {
      case "string": {
        const checks = checksOf(def);
        const min = Math.max(0, ...checks.map((c) => (c.check === "min_length" ? Number(c.minimum) : 0)));
        const max = Math.min(...checks.map((c) => (c.check === "max_length" ? Number(c.maximum) : 80)), 80);
        const pattern = (def.pattern ?? checks.find((c) => c.pattern)?.pattern) as RegExp | undefined;
        let base: fc.Arbitrary<string>;
        if (pattern && pattern.source === idPattern) base = id;
        else if (pattern) {
          try {
            base = fc.stringMatching(pattern);
          } catch {
            base = fc.string({ minLength: min, maxLength: Math.max(min, max) });
          }
        } else base = fc.string({ unit: "grapheme", minLength: min, maxLength: Math.max(min, max) });
        if (DATE_KEY.test(key)) base = fc.oneof(base, dateFor(key), dateFor(key), dateFor(key));
        return fc.oneof(
          { weight: 10, arbitrary: base },
          base.map((s) => `${s}\u0000`),
          base.map((s) => `${s}\uD800`),
          fc.constant("x".repeat(Math.max(min, 1) * 1000)),
        );
      }
      case "number": {
        const checks = checksOf(def);
        const int = checks.some((c) => c.check === "number_format" && /int/.test(String(c.format)));
        let lo = -Number.MAX_SAFE_INTEGER;
        let hi = Number.MAX_SAFE_INTEGER;
        for (const c of checks) {
          if (c.check === "greater_than")
            lo = Math.max(lo, Number(c.value) + (c.inclusive || int ? 0 : 1e-9));
          if (c.check === "less_than") hi = Math.min(hi, Number(c.value) - (c.inclusive || int ? 0 : 1e-9));
        }
        const n = int
          ? fc.oneof(
              fc.integer({ min: Math.ceil(lo), max: Math.min(Math.floor(hi), Math.ceil(lo) + 5) }),
              fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }),
            )
          : fc.oneof(
              fc.double({ min: lo, max: hi, noNaN: true }),
              fc.double({ min: Math.max(lo, 0), max: Math.min(hi, 1000), noNaN: true }),
            );
        return def.coerce ? fc.oneof(n, n.map(String)) : n;
      }
      case "boolean":
        return fc.boolean();
      case "date":
        return def.coerce ? fc.oneof(dateish, fc.date()) : fc.date();
      case "enum":
        return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
      case "literal":
        return fc.constantFrom(...(def.values as unknown[]));
      case "optional":
      case "default":
      case "prefault":
        return fc.oneof(fc.constant(undefined), inner(def.innerType));
      case "nullable":
        return fc.oneof(fc.constant(null), inner(def.innerType));
      case "catch":
      case "readonly":
      case "nonoptional":
        return inner(def.innerType);
      case "pipe":
        return defOf(def.in)?.type === "transform" ? inner(def.out) : inner(def.in);
      case "object":
        return fc.record(
          Object.fromEntries(
            Object.entries(def.shape as Record<string, unknown>).map(([k, child]) => [
              k,
              fromSchema(child, k, depth + 1),
            ]),
          ),
        );
      case "array": {
        const checks = checksOf(def);
        const min = Math.max(0, ...checks.map((c) => (c.check === "min_length" ? Number(c.minimum) : 0)));
        const max = Math.min(...checks.map((c) => (c.check === "max_length" ? Number(c.maximum) : 6)), 6);
        return fc.array(inner(def.element), { minLength: Math.min(min, 6), maxLength: Math.max(min, max) });
      }
      case "tuple":
        return fc.tuple(...(def.items as unknown[]).map(inner));
      case "union":
        return fc.oneof(...(def.options as unknown[]).map(inner));
      case "intersection":
        return fc
          .tuple(inner(def.left), inner(def.right))
          .map(([a, b]) => (a && b && typeof a === "object" && typeof b === "object" ? { ...a, ...b } : b));
      case "record":
        return fc.dictionary(
          validFor(def.keyType, key, depth + 1).map((k) => (typeof k === "string" ? k : fc.stringify(k))),
          inner(def.valueType),
          {
            maxKeys: 6,
          },
        );
      case "lazy":
        return inner((def.getter as () => unknown)());
      default:
        return value;
    }
  };
  return { value, object, id, dateish, fromSchema: (s) => fromSchema(s) };
}

/** A FormData with random fields (strings and files) under known and unknown names. */
const formDataOf = (arbs: Arbs, keys: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...keys, "list", "q", "filter", "clear"), fc.string()),
        fc.oneof(fc.string(), fc.constantFrom(...TRICKY, ...HUGE), arbs.id, fc.constant(new Blob(["file"]))),
      ),
      { maxLength: 8 },
    )
    .map((entries) => {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      return labelled(form, () => `FormData(${fc.stringify(entries)})`);
    });

/** Header values a browser or a proxy could send (a Headers object refuses some; those are dropped). */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) }),
  fc.constantFrom("203.0.113.7", "2001:db8::1", "1.1.1.1, 10.0.0.1", "unknown", "x".repeat(10_000)),
);
const headersArb = fc
  .record(
    {
      "x-forwarded-for": headerValue,
      "x-real-ip": headerValue,
      "user-agent": headerValue,
      "content-type": fc.constantFrom("application/json", "text/plain", "multipart/form-data", "x/y"),
    },
    { requiredKeys: [] },
  )
  .map((h) => {
    const out = new Headers();
    for (const [k, v] of Object.entries(h)) {
      try {
        out.set(k, v);
      } catch {
        // not a value HTTP can carry
      }
    }
    return labelled(out, () => `Headers(${fc.stringify(Object.fromEntries(out))})`);
  });

const ACTORS = ["therapist", "prescriber", "clientA", "admin"] as const;

/** A stable 32-bit seed per handler, so a failure reproduces run after run. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (h + Number(process.env.FUZZ_SEED ?? 0)) | 0;
}

/** Long runs of one character (the huge inputs) print as `"x"×100000`, so a failure stays readable. */
const shorten = (text: string) =>
  text.replace(/(.)\1{39,}/gsu, (run, ch: string) => `${ch}…×${[...run].length}…`).slice(0, 8_000);

const RUNS: fc.Parameters<unknown> = {
  numRuns: Math.max(100, Number(process.env.FUZZ_RUNS) || 0),
  asyncReporter: async (out) => {
    if (!out.failed) return;
    throw new Error(shorten((await fc.asyncDefaultReportMessage(out)) ?? "failed"), {
      cause: out.errorInstance,
    });
  },
};

// ── The schemas the app declares ─────────────────────────────────────────────

/** Every schema an action or a route handler declares for its input. */
const declaredSchemas = [
  ...actions.map((a) => a.action.schema),
  ...routes.flatMap((r) => Object.values(r.handler.input ?? {})),
].filter((s) => defOf(s));

/** The field names the app's schemas know, so random objects often get past the first key. */
function schemaKeys(): string[] {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number) => {
    const def = defOf(v);
    if (!def || seen.has(v) || depth > 12) return;
    seen.add(v);
    for (const [k, child] of Object.entries(def)) {
      if (k === "shape" && child && typeof child === "object") {
        for (const [field, s] of Object.entries(child)) {
          keys.add(field);
          walk(s, depth + 1);
        }
      } else if (Array.isArray(child)) for (const c of child) walk(c, depth + 1);
      else walk(child, depth + 1);
    }
  };
  for (const s of declaredSchemas) walk(s, 0);
  return [...keys];
}

// ── A practice with real records, so fuzzed ids sometimes point at something ─

let scene: Scene;
let arbs: Arbs;

async function richScene() {
  const s = await sceneWithConsents();
  const template = await createDefaultTemplate(s);
  await screenClientA(s);
  const tz = s.practice.timeZone;
  const { seriesId } = await createWeeklySeries(
    s,
    template.id,
    addCalendarDays(localDateOf(new Date(), tz), 1),
  );
  const preps = await completePreparationsInThePast(s, seriesId);
  await openNote(s.actors.therapist, { sessionId: preps[0]?.id ?? "" });
  await createDosingOrder(s.actors.prescriber, {
    clientId: s.clientA.id,
    order: {
      route: "SUBLINGUAL",
      doseMg: 200,
      maxDoses: 6,
      validUntil: addCalendarDays(localDateOf(new Date(), tz), 30),
    },
  });
  const dose = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 1 } });
  const now = new Date();
  await db().session.update({
    where: { id: dose.id },
    data: { startsAt: new Date(now.getTime() - 600_000), endsAt: new Date(now.getTime() + 3 * 3_600_000) },
  });
  await beginDosingDay(s.actors.therapist, dose.id);
  return s;
}

/** Every id in the practice, from every table that has one. */
async function idsOf(s: Scene): Promise<string[]> {
  const practiceId = s.practice.id;
  const client = { client: { practiceId } };
  const d = db();
  const found = await Promise.all([
    d.user.findMany({ where: { practiceId }, select: { id: true } }),
    d.client.findMany({ where: { practiceId }, select: { id: true } }),
    d.series.findMany({ where: { practiceId }, select: { id: true } }),
    d.session.findMany({ where: { series: { practiceId } }, select: { id: true } }),
    d.screening.findMany({ where: client, select: { id: true } }),
    d.note.findMany({ where: { session: { series: { practiceId } } }, select: { id: true } }),
    d.dosingRecord.findMany({ where: { session: { series: { practiceId } } }, select: { id: true } }),
    d.dosingOrder.findMany({ where: client, select: { id: true } }),
    d.consentDocument.findMany({ where: { practiceId }, select: { id: true } }),
    d.protocolTemplate.findMany({ where: { practiceId }, select: { id: true } }),
    d.invitation.findMany({ where: { practiceId }, select: { id: true } }),
  ]);
  return [practiceId, ...found.flat().map((r) => r.id)];
}

const keys = schemaKeys();
const idPattern = String(
  (
    checksOf(defOf(idSchema) ?? { type: "string" }).find((c) => c.pattern instanceof RegExp)?.pattern as
      | RegExp
      | undefined
  )?.source,
);

beforeAll(async () => {
  scene = await richScene();
  arbs = arbitraries(await idsOf(scene), keys, idPattern);
}, 120_000);

// ── The properties ───────────────────────────────────────────────────────────

const PROBLEM_KEYS = new Set(["code", "message", "fieldErrors"]);

/** `{ error: { code, message, fieldErrors? } }`, as lib/server/core/http.ts's problem() writes it. */
function expectProblemShape(body: unknown) {
  expect(body).toBeTypeOf("object");
  const error = (body as { error?: Record<string, unknown> }).error;
  expect(error).toBeTypeOf("object");
  expect(error?.code).toBeTypeOf("string");
  expect(error?.message).toBeTypeOf("string");
  for (const k of Object.keys(error ?? {})) expect(PROBLEM_KEYS.has(k), `unexpected key ${k}`).toBe(true);
  if (error?.fieldErrors !== undefined) {
    for (const messages of Object.values(error.fieldErrors as Record<string, unknown>)) {
      expect(Array.isArray(messages) && messages.every((m) => typeof m === "string")).toBe(true);
    }
  }
}

/** A JSON body or query string from any value: objects become key=value pairs. */
const queryOf = (v: unknown) => {
  const params = new URLSearchParams();
  if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v))
      params.append(k, typeof x === "string" ? x : (JSON.stringify(x) ?? ""));
  return params.toString();
};

/** Calls an exported action (found by name) as one of the scene's people; a redirect is returned, not thrown. */
async function act(who: (typeof ACTORS)[number], exportName: string, ...args: unknown[]) {
  const found = actions.find((a) => a.exportName === exportName);
  if (!found) throw new Error(`no action ${exportName}`);
  ctx.actor = scene.actors[who];
  ctx.headers = new Headers();
  try {
    return (await found.action(...args)) as {
      ok: boolean;
      code?: string;
      fieldErrors?: Record<string, string[]>;
    };
  } catch (e) {
    if (isNavigation(e)) return { navigation: (e as unknown as { navigation: string }).navigation };
    throw e;
  }
}

const sessionOf = (kind: "INTEGRATION" | "DOSING") =>
  db().session.findFirstOrThrow({
    where: { series: { practiceId: scene.practice.id }, kind, status: "SCHEDULED" },
  });

// Each of these once gave a 500 or an INTERNAL error: the fuzzer's counterexamples, replayed.
describe("bad input the fuzzer found, answered as bad input", () => {
  it("note actions parse before reading the input (null, undefined, no argument, a number)", async () => {
    expect(await act("therapist", "saveNoteDraftAction", null)).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await act("clientA", "signNoteAction", undefined)).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
    expect(await act("therapist", "addNoteAddendumAction")).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await act("therapist", "getNoteForEditingAction", 0)).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
  });

  it("screening follow-ups parse before auditing a denial with the id", async () => {
    const answer = await act("admin", "answerInformationRequestAction", {
      requestId: "abc\uD800",
      answer: "  ",
    });
    expect(answer).toMatchObject({ ok: false, code: "VALIDATION" });
    expect(await act("therapist", "revisitScreeningAction", null)).toMatchObject({
      ok: false,
      code: "VALIDATION",
    });
  });

  it("the list search treats anything but a form as a search that does not parse", async () => {
    // A form action answers by navigating; a refusal leaves the page as it was.
    expect(await act("therapist", "searchListAction", {})).toBeUndefined();
  });

  it("reviewing a safety flag parses the client id it refreshes", async () => {
    const result = await act("therapist", "reviewSafetyFlagAction", Object.create(null), {});
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("an id that zod cannot even measure is a validation error", async () => {
    const result = await act("prescriber", "reviewAdverseEventAction", { length: Object.create(null) });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("text with a NUL character or half a surrogate pair is a field error", async () => {
    const consent = await act("admin", "publishConsentAction", {
      kind: "KAP_INFORMED_CONSENT",
      title: "Informed consent \uD800",
      body: "I understand the risks of ketamine-assisted psychotherapy. ".repeat(5),
    });
    expect(consent).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { title: [UNSTORABLE_TEXT] },
    });
    const template = await act(
      "admin",
      "createProtocolTemplateAction",
      protocolTemplateFormValues("Standard\u0000", DEFAULT_PROTOCOL_PLAN),
    );
    expect(template).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: [UNSTORABLE_TEXT] },
    });

    const search = routes.find((r) => r.name === "POST /api/clients/search");
    ctx.actor = scene.actors.therapist;
    const res = await search?.handler(
      new Request("http://localhost:3000/api/clients/search", {
        method: "POST",
        body: JSON.stringify({ q: "\uD800", page: 1 }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(res?.status).toBe(400);
    expect(await res?.json()).toMatchObject({
      error: { code: "VALIDATION", fieldErrors: { q: [UNSTORABLE_TEXT] } },
    });
  });

  it("a version beyond 32 bits is a field error, not a database overflow", async () => {
    const session = await sessionOf("INTEGRATION");
    const result = await act("therapist", "cancelSessionAction", {
      sessionId: session.id,
      version: 9_007_199_254_740_981,
      outcome: "CANCELLED",
      reason: "The client is unwell.",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { version: expect.any(Array) },
    });
  });

  it("a time in year 0 is a field error, not a database range error", async () => {
    const record = await db().dosingRecord.findFirstOrThrow({
      where: { session: { series: { practiceId: scene.practice.id } } },
    });
    const result = await act("therapist", "addVitalsAction", {
      recordId: record.id,
      takenAt: new Date("0000-12-31T23:59:59.999Z"),
      reading: { heartRate: 80 },
    });
    expect(result).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { takenAt: expect.any(Array) },
    });
  });
});

describe("deep, huge and invisible input, and invitation links that do not exist", () => {
  it("an action refuses input nested 100,000 deep, or shared into millions of parts, with a field error", async () => {
    const draft = (values: unknown) => ({ step: "contact", values, version: 1, mode: "autosave" });
    for (const deep of [deepArray(100_000), deepObject(50_000), { a: deepArray(40) }]) {
      expect(await act("clientA", "saveIntakeStepAction", draft(deep))).toEqual({
        ok: false,
        code: "VALIDATION",
        message: TOO_DEEP,
        fieldErrors: { _form: [TOO_DEEP] },
      });
    }
    expect(await act("clientA", "saveIntakeStepAction", draft({ a: diamond(20) }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { _form: [TOO_MANY_PARTS] },
    });
  });

  it("a name of only bidirectional or zero-width characters is a field error, never blank", async () => {
    const result = await act("therapist", "addClientAction", {
      legalFirstName: "\u202E\u200B",
      legalLastName: "\u2066\u2069",
      email: "invisible@test.example",
      dateOfBirth: "1990-01-01",
      state: "CA",
    });
    expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
    const fieldErrors = "fieldErrors" in result ? result.fieldErrors : undefined;
    expect(Object.keys(fieldErrors ?? {}).sort()).toEqual(["legalFirstName", "legalLastName"]);
  });

  it("accepting an invitation with a link that does not exist answers not-found or wait, never INTERNAL", async () => {
    const password = "blue heron at dawn";
    const token = fc.oneof(
      fc.string({ minLength: 20, maxLength: 200 }),
      fc.string({ unit: "binary", minLength: 20, maxLength: 200 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      fc.constantFrom("\u202E".repeat(20), "\u0000".repeat(20), "x".repeat(200), "x".repeat(201)),
    );
    await fc.assert(
      fc.asyncProperty(token, fc.constantFrom("203.0.113.50", "203.0.113.51", ""), async (t, ip) => {
        ctx.actor = null;
        ctx.headers = new Headers(ip ? { "x-forwarded-for": ip } : {});
        const found = actions.find((a) => a.exportName === "acceptInvitationAction");
        const result = (await found?.action({ token: t, password, confirmPassword: password })) as {
          ok: boolean;
          code?: string;
        };
        expect(result.ok).toBe(false);
        expect(["NOT_FOUND", "RATE_LIMITED", "VALIDATION"]).toContain(result.code);
      }),
      { ...RUNS, seed: seedOf("acceptInvitationAction tokens") },
    );
  }, 60_000);
});

describe("fuzzing (docs/security.md R4)", () => {
  it("finds the route handlers and server actions to fuzz, each with the schemas of its input", () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(routes.length).toBeGreaterThanOrEqual(routeFiles.length);
    expect(actionFiles.length).toBeGreaterThan(0);
    expect(actions.length).toBeGreaterThanOrEqual(actionFiles.length);
    expect(routes.map((r) => r.name)).toContain("POST /api/clients/search");
    expect(actions.map((a) => a.exportName)).toContain("saveNoteDraftAction");
    // Every export of an action module is an action made with its schema (lib/actions/define.ts).
    expect(notActions).toEqual([]);
    // Every route handler but next-auth's and the health check declares what it accepts.
    const undeclared = routes.filter((r) => !r.handler.input).map((r) => r.name);
    expect(undeclared.sort()).toEqual(["GET /api/health"]);
  });

  for (const { name, path, params, handler } of routes) {
    it(`${name} never answers 500, and its errors have the problem shape`, async () => {
      const declared = handler.input ?? {};
      const shapedBy = (schema: unknown) => (schema ? arbs.fromSchema(schema) : arbs.object);
      const shaped = shapedBy(declared.query ?? declared.body);
      const queryArb = fc.oneof(
        shaped.map(queryOf),
        fc
          .dictionary(
            fc.oneof(fc.constantFrom(...keys), fc.string()),
            fc.oneof(fc.string(), arbs.id, arbs.dateish),
            {
              maxKeys: 6,
            },
          )
          .map(queryOf),
        fc.string({ unit: "binary" }),
        fc.constantFrom(...TRICKY),
      );
      const bodyArb = fc.oneof(
        { weight: 3, arbitrary: shaped.map((o) => JSON.stringify(o) ?? "") },
        arbs.object.map((o) => JSON.stringify(o)),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.string({ unit: "binary" }),
        fc.constantFrom("", "{", "[", "null", '{"q":', ...HUGE, ...DEEP_TEXT),
      );
      const paramsArb = fc.oneof(
        fc.record(Object.fromEntries(params.map((p) => [p, arbs.id]))),
        shapedBy(declared.params),
      );
      const method = name.split(" ")[0] as string;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ACTORS),
          queryArb,
          method === "GET" ? fc.constant(null) : bodyArb,
          paramsArb,
          headersArb,
          async (who, query, body, routeParams, headers) => {
            ctx.actor = scene.actors[who];
            const url = new URL(`http://localhost:3000${path.replace(/\[([^\]]+)\]/g, "x")}`);
            url.search = query;
            const req = new Request(url, { method, headers, body });
            const res = await handler(req, {
              params: Promise.resolve(routeParams as Record<string, string>),
            });
            expect(res.status, `status ${res.status}: ${await res.clone().text()}`).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.headers.get("content-type")).toMatch(/application\/json/);
              expectProblemShape(await res.json());
            }
          },
        ),
        { ...RUNS, seed: seedOf(name) },
      );
    }, 60_000);
  }

  for (const { name, action } of actions) {
    it(`${name} never fails with INTERNAL and throws only a redirect`, async () => {
      const random = fc.oneof(
        { weight: 2, arbitrary: arbs.object },
        arbs.value,
        arbs.id,
        fc.anything(),
        formDataOf(arbs, keys),
        fc.constantFrom(...DEEP),
        fc.constantFrom(...DEEP).map((deep) => ({ values: { a: deep }, step: "contact", version: 1 })),
      );
      const argsArb = fc.oneof(
        {
          weight: 5,
          arbitrary: fc.tuple(fc.oneof({ weight: 4, arbitrary: arbs.fromSchema(action.schema) }, random)),
        },
        fc.array(random, { maxLength: 2 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ACTORS), argsArb, headersArb, async (who, args, headers) => {
          ctx.actor = scene.actors[who];
          ctx.headers = headers;
          let result: unknown;
          try {
            result = await action(...(args as unknown[]));
          } catch (e) {
            if (isNavigation(e)) return;
            throw e;
          }
          if (result && typeof result === "object" && (result as { ok?: unknown }).ok === false) {
            expect((result as { code?: unknown }).code, JSON.stringify(result)).not.toBe("INTERNAL");
          }
        }),
        { ...RUNS, seed: seedOf(name) },
      );
    }, 60_000);
  }
});
