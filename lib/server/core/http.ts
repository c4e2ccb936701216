import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { AppError } from "@/lib/errors";
import { BodyRefused, readJsonBody } from "./body";
import { knownDatabaseError } from "./database-errors";
import { errorSummary } from "./error-summary";
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
  if (e instanceof BodyRefused) {
    return problem(
      e.status,
      e.code,
      e.message,
      e.status === 400 ? { fieldErrors: { _form: [e.message] } } : {},
    );
  }
  if (e instanceof SyntaxError) return problem(400, "VALIDATION", "The request body is not valid JSON.");
  const known = knownDatabaseError(e);
  if (known) return errorResponse(known);
  const requestId = randomUUID();
  console.error(`[request ${requestId}] ${errorSummary(e)}`);
  return problem(500, "INTERNAL", `Something went wrong on our side (reference ${requestId}).`);
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
 * input answers 400 with field errors) and handed over parsed; the body is read
 * within a size and nesting limit first (./body.ts: 413, or 400 when too deep); the declared
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
      if (input.body) parsed.body = input.body.parse(await readJsonBody(req));
      return await handler(req, parsed as Parsed<I>);
    } catch (e) {
      return errorResponse(e);
    }
  };
  return Object.assign(wrapped, { input });
}
