import "server-only";
import { configurationRefusals } from "@/lib/env";

/**
 * Stops the server when its settings are ones a production server must not run with
 * (lib/env.ts `configurationRefusals`). Kept out of instrumentation.ts, which Next also
 * compiles for the edge runtime, where there is no process to exit.
 */
export function refuseUnsafeConfiguration() {
  const refused = configurationRefusals();
  if (refused.length === 0) return;
  for (const reason of refused) console.error(`[config] Kapstone refuses to start: ${reason}`);
  process.exit(1);
}
