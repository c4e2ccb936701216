import "server-only";
import { ZodError } from "zod";

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
