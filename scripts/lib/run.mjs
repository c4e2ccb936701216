import { spawn } from "node:child_process";

/** Runs a command, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("exit", (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolvePromise(127));
  });
}

/** Like run(), but throws when the command fails. */
export async function mustRun(label, cmd, args, opts = {}) {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new Error(`${label} failed (exit ${code})`);
}

export const node = process.execPath;

/** Runs a command quietly; prints its output only if it fails (then throws). */
export function mustRunQuiet(label, cmd, args, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (out += c));
    child.on("exit", (code) => {
      if (code === 0) return resolvePromise();
      process.stderr.write(out);
      reject(new Error(`${label} failed (exit ${code})`));
    });
  });
}
