import "server-only";
import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { ZodError, type z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { inputShapeProblem } from "@/lib/domain/core/nesting";
import { AppError } from "@/lib/errors";
import { requireApiUser } from "@/lib/server/auth/current-user";
import { knownDatabaseError } from "@/lib/server/core/database-errors";
import { errorSummary } from "@/lib/server/core/error-summary";
import { fieldErrorsOf } from "@/lib/server/core/parse";
import type { ActionResult } from "./result";

/** A page to re-render after the action ran, with the layout below it when asked. */
type Revalidate<I> = string | [string, "layout"] | ((input: I) => string | [string, "layout"]);

type Options<I> = {
  /** Pages whose server-rendered data the action changes (re-rendered after it ran, whatever its outcome). */
  revalidate?: Revalidate<I>;
  /**
   * One of the steps of setting up two-step sign-in: it runs for a staff member whose practice
   * requires it before it is on, whom every other action refuses (docs/security.md S5).
   */
  duringTwoStepSetup?: boolean;
};

/**
 * A server action: the exported function, and the schema its input must pass, as
 * a value that tests and the fuzzer read (tests/integration/core/bad-input-fuzzing.test.ts
 * finds every action of lib/actions and fuzzes it along its schema).
 */
export type Action<S extends z.ZodType, T> = ((...input: InputOf<S>) => Promise<ActionResult<T>>) & {
  readonly schema: S;
  readonly access: "signed-in" | "public";
};

/** An action whose schema accepts `undefined` (one that takes no input) may be called without an argument. */
type InputOf<S extends z.ZodType> = undefined extends z.input<S> ? [input?: z.input<S>] : [input: z.input<S>];

/** Any error becomes a result: expected ones keep their message, the rest a reference to the log line. */
export function toActionError(e: unknown): ActionResult<never> {
  if (e instanceof AppError) {
    return { ok: false, code: e.code, message: e.message, fieldErrors: e.fieldErrors };
  }
  if (e instanceof ZodError) {
    return {
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsOf(e),
    };
  }
  // A double submit or a write that lost a race with a signature: the database said no.
  const known = knownDatabaseError(e);
  if (known) return { ok: false, code: known.code, message: known.message };
  const requestId = randomUUID();
  console.error(`[action ${requestId}] ${errorSummary(e)}`);
  return {
    ok: false,
    code: "INTERNAL",
    message: `Something went wrong on our side; nothing you typed was lost (reference ${requestId}).`,
  };
}

function revalidate<I>(target: Revalidate<I> | undefined, input: I) {
  if (!target) return;
  const resolved = typeof target === "function" ? target(input) : target;
  if (typeof resolved === "string") revalidatePath(resolved);
  else revalidatePath(resolved[0], resolved[1]);
}

function define<S extends z.ZodType, T>(
  schema: S,
  access: "signed-in" | "public",
  run: (actor: Actor | null, input: z.input<S>) => Promise<T>,
  options: Options<z.input<S>>,
): Action<S, T> {
  const serverAction = async (...args: InputOf<S>): Promise<ActionResult<T>> => {
    // The schema decides what may be missing: an action without input accepts none.
    const input = args[0] as z.input<S>;
    let ran = false;
    try {
      const actor =
        access === "signed-in"
          ? await requireApiUser({ duringTwoStepSetup: options.duringTwoStepSetup })
          : null;
      // Too deep or too many parts for a schema to walk safely (docs/security.md R4): refused unread.
      const shape = inputShapeProblem(input);
      if (shape) return { ok: false, code: "VALIDATION", message: shape, fieldErrors: { _form: [shape] } };
      const parsed = schema.safeParse(input);
      if (!parsed.success) return toActionError(parsed.error);
      ran = true;
      return { ok: true, data: await run(actor, input) };
    } catch (e) {
      // redirect() and notFound() end an action by throwing; they are answers, not errors.
      unstable_rethrow(e);
      // A form the browser posts by itself (no script reads the result) goes to sign-in instead.
      if (input instanceof FormData && e instanceof AppError && e.code === "UNAUTHENTICATED")
        redirect("/signin");
      return toActionError(e);
    } finally {
      if (ran) revalidate(options.revalidate, input);
    }
  };
  return Object.assign(serverAction, { schema, access });
}

/**
 * A server action for the signed-in user. After the sign-in check, the input
 * must pass `schema` (the schema the form validates with) before anything else
 * runs. The handler then gets the actor and the input as it was sent, and hands
 * it to the data layer, which parses it with its own rules (some need the
 * actor, such as the practice's time zone). Errors come back as an
 * ActionResult, never as a 500.
 */
export function action<S extends z.ZodType, T>(
  schema: S,
  handler: (actor: Actor, input: z.input<S>) => Promise<T>,
  options: Options<z.input<S>> = {},
): Action<S, T> {
  return define(schema, "signed-in", (actor, input) => handler(actor as Actor, input), options);
}

/** For the few actions that run without a signed-in user (accepting an invitation, signing out). */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.input<S>) => Promise<T>,
  options: Options<z.input<S>> = {},
): Action<S, T> {
  return define(schema, "public", (_actor, input) => handler(input), options);
}

/**
 * A server action that a plain HTML form posts to, so that it works before (or
 * without) JavaScript: it answers by navigating (redirect), and a refusal leaves
 * the page as it was. An unexpected error still surfaces, as the error page.
 */
export function formAction<S extends z.ZodType>(
  schema: S,
  handler: (actor: Actor, input: z.input<S>) => Promise<void>,
): ((form: FormData) => Promise<void>) & { readonly schema: S; readonly access: "signed-in" } {
  const inner = action(schema, handler);
  const post = async (form: FormData) => {
    const result = await (inner as (input: unknown) => Promise<ActionResult<void>>)(form);
    if (!result.ok && result.code === "INTERNAL") throw new Error(result.message);
  };
  return Object.assign(post, { schema, access: "signed-in" as const });
}
