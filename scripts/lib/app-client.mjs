// Talking to a running Kapstone from scripts (benchmark, drills): start and stop
// the app (scripts/server.mjs), wait for it, sign in as a demo user and keep the cookies.
import { spawn } from "node:child_process";
import { mustRunQuiet, node } from "./run.mjs";

/**
 * The environment of a production server for a script's own run (benchmark,
 * drills: scripts/bench.mjs, scripts/restart-drill.mjs): the given database, mail
 * kept in the outbox (allowed in production for these runs), no background jobs.
 */
export function scriptAppEnv(databaseUrl, base, secret) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: base,
    APP_URL: base,
    MAIL_TRANSPORT: "outbox",
    // A production build with the outbox is refused unless allowed (lib/env.ts configurationRefusals).
    KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION: "1",
    KAPSTONE_JOBS: "off",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

/**
 * Applies the migrations to the (new) database as its owner (`ownerUrl`), then loads the demo
 * practice as the app (`env`'s DATABASE_URL), as in production (docs/security.md S11).
 */
export async function prepareDemoDatabase(env, ownerUrl) {
  await mustRunQuiet("Migrations", node, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: { ...env, MIGRATION_DATABASE_URL: ownerUrl },
  });
  await mustRunQuiet(
    "Demo data",
    node,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts", "--yes"],
    { env },
  );
}

export function startApp(port, env) {
  return spawn(node, ["scripts/server.mjs", "-p", String(port)], {
    env,
    stdio: "ignore",
  });
}

export async function stopApp(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
}

export async function waitFor(target, seconds = 60) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${target} did not answer`);
}

/** Signs in through next-auth's credentials endpoint; resolves with the Cookie header to send. */
export async function signIn(base, email, password) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair.indexOf("=");
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`Sign-in as ${email} failed (${res.status})`);
  }
  return cookie();
}
