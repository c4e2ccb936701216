/**
 * Runs once when the Node.js server starts: refuses settings a production server
 * must not run with (lib/env.ts `configurationRefusals`), warns about unsafe ones, then
 * starts the background job workers (reminder e-mails, mail sent after an action).
 * Set KAPSTONE_JOBS=off to run an instance that only serves pages; mail is then
 * sent directly. (NEXT_RUNTIME is Next's own flag, set at build time, not a setting.)
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { backgroundJobs, logConfigurationWarnings } = await import("@/lib/env");
  (await import("@/lib/server/core/start-up-checks")).refuseUnsafeConfiguration();
  logConfigurationWarnings();
  const { clientAddressesKnown } = await import("@/lib/server/core/request");
  if (!clientAddressesKnown()) {
    console.warn(
      "[server] Not started through scripts/server.mjs (npm start): client addresses are unknown, so " +
        "audit rows carry none and sign-in throttling treats every caller as one address.",
    );
  }
  const { enabled, databaseUrl } = backgroundJobs();
  if (databaseUrl) {
    // docs/security.md S11: the app's role must not be able to set the record guarantees aside.
    const { databaseRoleWarnings } = await import("@/lib/server/core/database-role");
    databaseRoleWarnings()
      .then((warnings) => logConfigurationWarnings(undefined, warnings))
      .catch(() => {}); // the database is down at start-up: /api/health says so
  }
  if (!enabled || !databaseUrl) return;
  const [{ startJobs }, { errorSummary }] = await Promise.all([
    import("@/lib/server/jobs/job-runner"),
    import("@/lib/server/core/error-summary"),
  ]);
  const start = () =>
    startJobs(databaseUrl).catch((e) => {
      // Until the runner is up, mail is sent directly; reminders wait for it.
      console.error(
        `[jobs] could not start, trying again in 30 s; mail is sent directly: ${errorSummary(e)}`,
      );
      setTimeout(start, 30_000).unref();
    });
  start();
}
