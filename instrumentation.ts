/**
 * Starts the background job workers (reminder e-mails) with the Node.js server.
 * Set KAPSTONE_JOBS=off to run an instance that only serves pages.
 */
export async function register() {
  if (
    process.env.NEXT_RUNTIME !== "nodejs" ||
    process.env.KAPSTONE_JOBS === "off" ||
    !process.env.DATABASE_URL
  )
    return;
  const { startJobs } = await import("@/lib/server/jobs");
  startJobs(process.env.DATABASE_URL).catch((e) => console.error("[jobs] could not start:", e));
}
