/**
 * Runs once when the Node.js server starts: warns about unsafe settings, then
 * starts the background job workers (reminder e-mails, mail sent after an action).
 * Set KAPSTONE_JOBS=off to run an instance that only serves pages; mail is then
 * sent directly.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logConfigurationWarnings } = await import("@/lib/env");
  logConfigurationWarnings();
  if (process.env.KAPSTONE_JOBS === "off" || !process.env.DATABASE_URL) return;
  const [{ startJobs }, { errorSummary }] = await Promise.all([
    import("@/lib/server/jobs"),
    import("@/lib/server/http"),
  ]);
  const url = process.env.DATABASE_URL;
  const start = () =>
    startJobs(url).catch((e) => {
      // Until the runner is up, mail is sent directly; reminders wait for it.
      console.error(
        `[jobs] could not start, trying again in 30 s; mail is sent directly: ${errorSummary(e)}`,
      );
      setTimeout(start, 30_000).unref();
    });
  start();
}
