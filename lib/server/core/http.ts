import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { AppError } from "@/lib/errors";
import { knownDatabaseError } from "./database-errors";
import { fieldErrorsOf } from "./parse";

const NO_STORE = { "Cache-Control": "no-store" };

/** The JSON shape of every API error (a small RFC 9457-style problem). */
export type Problem = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

export function problem(
  status: number,
  code: string,
  message: string,
  extra: Partial<Problem["error"]> = {},
) {
  return NextResponse.json({ error: { code, message, ...extra } } satisfies Problem, {
    status,
    headers: NO_STORE,
  });
}

export function json(data: unknown, status = 200) {
  return NextResponse.json(data, { status, headers: NO_STORE });
}

/** Maps any error to a response: expected ones keep their message, others are logged and generic. */
export function errorResponse(e: unknown) {
  if (e instanceof AppError) {
    const res = problem(e.status, e.code, e.message, e.fieldErrors ? { fieldErrors: e.fieldErrors } : {});
    if (e.retryAfterSeconds) res.headers.set("Retry-After", String(e.retryAfterSeconds));
    return res;
  }
  if (e instanceof ZodError) {
    return problem(400, "VALIDATION", "The request is not valid.", { fieldErrors: fieldErrorsOf(e) });
  }
  if (e instanceof SyntaxError) return problem(400, "VALIDATION", "The request body is not valid JSON.");
  const known = knownDatabaseError(e);
  if (known) return errorResponse(known);
  const requestId = randomUUID();
  console.error(`[request ${requestId}] ${errorSummary(e)}`);
  return problem(500, "INTERNAL", `Something went wrong on our side (reference ${requestId}).`);
}

/**
 * What the logs may say about an unexpected error. Database errors (Prisma's,
 * the Postgres driver's) repeat the query's argument values in their message:
 * note bodies, intake answers, names. For those the summary keeps the class
 * name, the error code, the model and target fields, and the stack frames, and
 * drops the message; so it does for parse errors (they quote their input) and
 * whenever `withMessage` is false (mail errors can name the recipient). Other
 * errors keep a shortened message.
 */
export function errorSummary(e: unknown, opts: { withMessage?: boolean } = {}, depth = 0): string {
  if (!(e instanceof Error)) return `non-error thrown (${e === null ? "null" : typeof e})`;
  const name = e.constructor?.name && e.constructor.name !== "Object" ? e.constructor.name : e.name;
  const withheld =
    opts.withMessage === false || isDatabaseError(e) || e instanceof SyntaxError || e instanceof ZodError;
  const parts = [name];
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && /^[\w.-]{1,40}$/.test(code)) parts.push(`code ${code}`);
  const meta = (e as { meta?: Record<string, unknown> }).meta;
  if (meta && typeof meta === "object") {
    if (typeof meta.modelName === "string") parts.push(`model ${meta.modelName}`);
    const target = namesOnly(meta.target);
    if (target) parts.push(`target ${target}`);
  }
  let summary = parts.join(" ");
  summary += withheld ? " (message withheld)" : `: ${e.message.slice(0, 300)}`;
  const frames = stackFrames(e);
  if (frames) summary += `\n${frames}`;
  if (e.cause !== undefined && depth < 2)
    summary += `\n  caused by ${errorSummary(e.cause, opts, depth + 1)}`;
  return summary;
}

function isDatabaseError(e: Error): boolean {
  const name = `${e.constructor?.name ?? ""} ${e.name}`;
  if (/Prisma|DriverAdapter|DatabaseError/.test(name)) return true;
  if ("clientVersion" in e) return true; // every Prisma client error carries it
  // node-postgres errors: a SQLSTATE code and a severity.
  return typeof (e as { severity?: unknown }).severity === "string" && "code" in e;
}

const namesOnly = (v: unknown): string | null => {
  const names = typeof v === "string" ? [v] : Array.isArray(v) ? v : [];
  const ok = names.filter((n): n is string => typeof n === "string" && /^[\w.]{1,80}$/.test(n));
  return ok.length ? ok.join(",") : null;
};

/** The "    at …" lines of the stack, without the message that heads it. */
function stackFrames(e: Error): string {
  let stack = typeof e.stack === "string" ? e.stack : "";
  const head = `${e.name}: ${e.message}`;
  if (stack.startsWith(head)) stack = stack.slice(head.length);
  return stack
    .split("\n")
    .filter((line) => /^\s+at \S.*(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/.test(line))
    .slice(0, 20)
    .join("\n");
}

/** What a route handler accepts, each part checked before the handler runs. */
export type RouteInput = { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
type Parsed<I extends RouteInput> = {
  [K in keyof I]: I[K] extends z.ZodType ? z.output<I[K]> : never;
};
type Context = { params?: Promise<Record<string, string | string[]>> };

/**
 * A route handler with the shared error contract. The path parameters, the
 * query string and the JSON body are parsed with the schemas it declares (bad
 * input answers 400 with field errors) and handed over parsed; the declared
 * schemas stay on the handler, for the tests and the fuzzer to read.
 */
export function route<I extends RouteInput>(
  input: I,
  handler: (req: Request, parsed: Parsed<I>) => Promise<Response>,
) {
  const wrapped = async (req: Request, ctx?: Context) => {
    try {
      const parsed: Record<string, unknown> = {};
      if (input.params) parsed.params = input.params.parse((await ctx?.params) ?? {});
      if (input.query) parsed.query = input.query.parse(Object.fromEntries(new URL(req.url).searchParams));
      if (input.body) parsed.body = input.body.parse(await req.json());
      return await handler(req, parsed as Parsed<I>);
    } catch (e) {
      return errorResponse(e);
    }
  };
  return Object.assign(wrapped, { input });
}
