import { z } from "zod";

/**
 * Server configuration, validated once. Documented in .env.example.
 * Read lazily so that `next build` does not need a database or secrets.
 */
const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  /** Public base URL of the app, used in e-mailed links. */
  APP_URL: z.string().url().default("http://localhost:3000"),
  /** "outbox" keeps mail in the database (shown on /dev/outbox); "smtp" sends it.
   *  Defaults to "outbox" in development and "smtp" in production. */
  MAIL_TRANSPORT: z.enum(["outbox", "smtp"]),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Kapstone <no-reply@kapstone.local>"),
  /** How many proxies in front of the app append to X-Forwarded-For (docs/security.md S10):
   *  0 (the default, also "false") takes the connecting peer; N takes the entry N places from
   *  the right; "true" means 1. scripts/server.mjs applies it (scripts/lib/client-address.mjs,
   *  same grammar); read it as `serverEnv().TRUST_PROXY`, never from process.env. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, "TRUST_PROXY must be a number of proxies (0 to 99), true or false")
    .default("0")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  /** Failed sign-ins an hour for one account from all addresses together before only
   *  addresses that signed in to it before may keep trying (docs/security.md S7). */
  SIGN_IN_ACCOUNT_LIMIT: z.coerce.number().int().min(10).max(100_000).default(100),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** What the database client needs, and nothing more: scripts that only touch the database use this. */
const databaseEnvSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL is not set (see .env.example)"),
  /** Connections each app instance keeps open. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});
export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  if (cached) return cached;
  const parsed = serverEnvSchema.safeParse({
    ...process.env,
    APP_URL: process.env.APP_URL || process.env.NEXTAUTH_URL || undefined,
    MAIL_TRANSPORT: process.env.MAIL_TRANSPORT || (process.env.NODE_ENV === "production" ? "smtp" : "outbox"),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Kapstone configuration is invalid (see .env.example):\n${lines}`);
  }
  if (parsed.data.MAIL_TRANSPORT === "smtp" && !parsed.data.SMTP_URL) {
    throw new Error("MAIL_TRANSPORT=smtp needs SMTP_URL (see .env.example)");
  }
  const refused = configurationRefusals({ ...process.env, MAIL_TRANSPORT: parsed.data.MAIL_TRANSPORT });
  if (refused.length > 0) throw new Error(`Kapstone configuration is refused:\n  ${refused.join("\n  ")}`);
  cached = parsed.data;
  return cached;
}

let cachedDatabase: DatabaseEnv | undefined;

export function databaseEnv(): DatabaseEnv {
  if (cachedDatabase) return cachedDatabase;
  const parsed = databaseEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Kapstone's database configuration is invalid (see .env.example):\n${lines}`);
  }
  cachedDatabase = parsed.data;
  return cachedDatabase;
}

/**
 * Whether this instance runs the background jobs (reminders, queued mail), and
 * against which database. KAPSTONE_JOBS=off makes an instance that only serves
 * pages. Never throws: the server starts without jobs when there is no database.
 */
export function backgroundJobs(env: Record<string, string | undefined> = process.env) {
  const databaseUrl = env.DATABASE_URL || null;
  return { enabled: env.KAPSTONE_JOBS !== "off" && databaseUrl !== null, databaseUrl };
}

/**
 * Settings a production server refuses to start with (instrumentation.ts exits;
 * `serverEnv` throws too, so no request is served with them). The outbox in
 * production keeps invitation links in the database and shows them on a page:
 * only with KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION=1, which the end-to-end run, the
 * benchmark and the restart drill set for their production build.
 */
export function configurationRefusals(env: Record<string, string | undefined> = process.env): string[] {
  const production = env.NODE_ENV === "production";
  const transport = env.MAIL_TRANSPORT || (production ? "smtp" : "outbox");
  if (production && transport === "outbox" && env.KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION !== "1") {
    return [
      "MAIL_TRANSPORT=outbox in production: no e-mail would leave this server, and invitation links " +
        "would be shown on /dev/outbox instead. Use MAIL_TRANSPORT=smtp with SMTP_URL; for a test or " +
        "demonstration server only, set KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION=1.",
    ];
  }
  return [];
}

/**
 * Settings that work but are unsafe where real people's data is: logged loudly
 * when the server starts (instrumentation.ts). The outbox in production is also
 * refused unless explicitly allowed (`configurationRefusals`); when allowed, it warns.
 */
export function configurationWarnings(env: Record<string, string | undefined> = process.env): string[] {
  const production = env.NODE_ENV === "production";
  const transport = env.MAIL_TRANSPORT || (production ? "smtp" : "outbox");
  const warnings: string[] = [];
  if (production && transport === "outbox") {
    warnings.push(
      "MAIL_TRANSPORT=outbox in production: no e-mail leaves this server. Invitation links and " +
        "client mail are kept in the database and shown to signed-in staff on /dev/outbox. " +
        "Use MAIL_TRANSPORT=smtp with SMTP_URL for a real clinic.",
    );
  }
  return warnings;
}

export function logConfigurationWarnings(
  env: Record<string, string | undefined> = process.env,
  warnings = configurationWarnings(env),
) {
  for (const warning of warnings) {
    console.warn(
      `\n${"!".repeat(78)}\n!! KAPSTONE CONFIGURATION WARNING\n!! ${warning}\n${"!".repeat(78)}\n`,
    );
  }
}

/**
 * development (`next dev`), test or production, for what differs by mode without needing the
 * rest of the configuration (the security headers of lib/domain/core/security-headers.ts).
 */
export function runtimeMode(env: Record<string, string | undefined> = process.env) {
  const mode = env.NODE_ENV;
  return mode === "development" || mode === "test" ? mode : "production";
}
