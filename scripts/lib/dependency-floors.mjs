// The lowest version of a dependency the project accepts, with the reason: each floor is a
// published advisory the version below it has. `npm test` checks the installed versions
// (tests/unit/core/dependency-floors.test.ts) and `npm run audit:deps` prints them.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FLOORS = [
  {
    name: "next",
    minimum: "16.2.6",
    why: "middleware bypass by x-middleware-subrequest (CVE-2025-29927) and by .rsc paths (CVE-2026-44575)",
  },
  {
    name: "nodemailer",
    minimum: "8.0.0",
    why: "7.0.13 and earlier have published advisories, two rated high; 8+ is the maintained line",
  },
];

/** -1, 0 or 1 as version a is below, equal to or above version b (numeric x.y.z, pre-release ignored). */
export function compareVersions(a, b) {
  const parts = (v) =>
    v
      .split("-")[0]
      .split(".")
      .map((n) => Number(n) || 0);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  }
  return 0;
}

/** The installed version of each floored package, and whether it is at or above its floor. */
export function checkFloors(root = process.cwd()) {
  return FLOORS.map((floor) => {
    const installed = JSON.parse(
      readFileSync(join(root, "node_modules", floor.name, "package.json"), "utf8"),
    ).version;
    return { ...floor, installed, ok: compareVersions(installed, floor.minimum) >= 0 };
  });
}
