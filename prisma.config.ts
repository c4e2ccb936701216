// Prisma 6.19 CLI config that works with NO access to binaries.prisma.sh:
// migrations run on the Wasm schema engine bundled in the `prisma` npm package
// (engine: "js"), talking to Postgres through @prisma/adapter-pg.
// The classes below work around bugs in that (still experimental) path.
// This file is loaded only by the Prisma CLI, never by the app.
import "dotenv/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// 1) The Wasm schema engine arms 10 s / 60 s timers it never clears, so
//    `prisma migrate dev` would idle up to 60 s before exiting: unref them.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...rest);
  if (typeof ms === "number" && ms >= 5_000) t.unref?.();
  return t;
}) as typeof setTimeout;

// 2) prisma/orm#27403: adapter-pg@6 rejects catalog types the engine's
//    introspection returns ("Column type 'name' could not be deserialized",
//    then 'char'). Report them as text; pg already yields strings for them.
//    "char" 18, name 19, int2vector 22, regproc 24, oidvector 30,
//    pg_node_tree 194, regclass 2205, regtype 2206; name[] 1003 -> text[] 1009.
const TEXTLIKE = new Set([18, 19, 22, 24, 30, 194, 2205, 2206]);
type Field = { dataTypeID: number };
const fixFields = (res: unknown) => {
  for (const r of Array.isArray(res) ? res : [res]) {
    (r as { fields?: Field[] } | undefined)?.fields?.forEach((f) => {
      if (TEXTLIKE.has(f.dataTypeID)) f.dataTypeID = 25;
      else if (f.dataTypeID === 1003) f.dataTypeID = 1009;
    });
  }
  return res;
};
class CatalogTypesAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has many overloads; we only pass them through
  override query(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has many overloads; we only pass them through
    const q = super.query as (...a: any[]) => any;
    const i = args.findIndex((a) => typeof a === "function");
    if (i >= 0) {
      const cb = args[i];
      args[i] = (err: unknown, res: unknown) => cb(err, err ? res : fixFields(res));
      return q.apply(this, args);
    }
    const ret = q.apply(this, args);
    return ret && typeof ret.then === "function" ? ret.then(fixFields) : ret;
  }
}

// 3) adapter-pg@6.19's executeScript() splits a migration on every ";"
//    (breaks string literals, functions, DO blocks): send it whole, as the
//    classic engine does.
// 4) its connectToShadowDb() drops the shadow DB before closing the pool
//    ("database ... is being accessed by other users"): do it in order.
class MigratePg extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg);
  }
  override async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script: string) => {
      try {
        await (adapter.underlyingDriver() as pg.Pool).query(script);
      } catch (e) {
        (adapter as unknown as { onError(e: unknown): never }).onError(e); // rethrows as DriverAdapterError
      }
    };
    return adapter;
  }
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigratePg({ ...this.cfg, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

// 5) Pass discrete fields, not connectionString (a connectionString would
//    override the shadow config's `database`, so the "shadow" would be the
//    main DB), and not a pg.Pool (its options hide `password`, so the
//    shadow config would lose it).
function pgConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    Client: CatalogTypesAsTextClient,
    allowExitOnIdle: true, // else the CLI waits out pg's 10 s idle timeout
  } as pg.PoolConfig;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    return new MigratePg(pgConfig(url));
  },
});
