/**
 * Runs in the browser before the app's own code (Next.js's instrumentation-client convention).
 *
 * zod builds a faster parser for object schemas with `new Function` unless told not to, and
 * first tries whether it may. Under the Content-Security-Policy (docs/security.md S12) it may not,
 * and the browser reports the try as a violation, so zod is told here, before any schema is
 * built, to parse without compiling (its `jitless` setting, kept on globalThis).
 * Written without importing zod, so that pages without forms do not load it.
 */
const zodConfig = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
zodConfig.__zod_globalConfig ??= {};
zodConfig.__zod_globalConfig.jitless = true;
