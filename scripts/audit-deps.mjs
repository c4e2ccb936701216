// `npm run audit:deps`: how dependencies are reviewed (docs/security.md, "Dependencies").
// 1. The version floors in scripts/lib/dependency-floors.mjs (also checked by `npm test`).
// 2. `npm audit --audit-level=high` for the production dependencies, where the package
//    registry in use answers audit requests; a registry that does not (a mirror answering
//    404 or 405) is reported and skipped, unless KAPSTONE_REQUIRE_AUDIT=1 is set.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFloors } from "./lib/dependency-floors.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
let failed = false;

for (const f of checkFloors(root)) {
  console.log(`${f.ok ? "ok  " : "LOW "} ${f.name} ${f.installed} (at least ${f.minimum}: ${f.why})`);
  if (!f.ok) failed = true;
}

const audit = spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high"], {
  cwd: root,
  encoding: "utf8",
});
const output = `${audit.stdout ?? ""}${audit.stderr ?? ""}`;
if (/audit endpoint returned an error|405 Method Not Allowed|404 Not Found/.test(output)) {
  console.log("npm audit: the package registry in use does not answer audit requests; skipped");
  if (process.env.KAPSTONE_REQUIRE_AUDIT === "1") failed = true;
} else {
  process.stdout.write(output);
  if (audit.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
