import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsOf } from "./validate";

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
  const requestId = randomUUID();
  console.error(`[request ${requestId}]`, e);
  return problem(500, "INTERNAL", `Something went wrong on our side (reference ${requestId}).`);
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Wraps a route handler with the shared error contract. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
