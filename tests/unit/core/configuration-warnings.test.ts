import { afterEach, describe, expect, it, vi } from "vitest";
import { configurationRefusals, configurationWarnings, logConfigurationWarnings } from "@/lib/env";

afterEach(() => vi.restoreAllMocks());

describe("warnings at startup", () => {
  it("warns loudly when a production server keeps mail in the outbox", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    logConfigurationWarnings({ NODE_ENV: "production", MAIL_TRANSPORT: "outbox" });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/WARNING[\s\S]*MAIL_TRANSPORT=outbox in production/);
  });

  it("stays quiet for production with SMTP (the default) and for development's outbox", () => {
    expect(configurationWarnings({ NODE_ENV: "production" })).toEqual([]);
    expect(configurationWarnings({ NODE_ENV: "production", MAIL_TRANSPORT: "smtp" })).toEqual([]);
    expect(configurationWarnings({ NODE_ENV: "development" })).toEqual([]);
    expect(configurationWarnings({ NODE_ENV: "development", MAIL_TRANSPORT: "outbox" })).toEqual([]);
  });
});

describe("refusals at startup", () => {
  it("refuses a production server keeping mail in the outbox, unless explicitly allowed", () => {
    expect(configurationRefusals({ NODE_ENV: "production", MAIL_TRANSPORT: "outbox" })).toEqual([
      expect.stringMatching(/KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION=1/),
    ]);
    expect(
      configurationRefusals({
        NODE_ENV: "production",
        MAIL_TRANSPORT: "outbox",
        KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION: "true",
      }),
    ).toHaveLength(1);
    expect(
      configurationRefusals({
        NODE_ENV: "production",
        MAIL_TRANSPORT: "outbox",
        KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION: "1",
      }),
    ).toEqual([]);
    expect(configurationRefusals({ NODE_ENV: "production" })).toEqual([]);
    expect(configurationRefusals({ NODE_ENV: "development", MAIL_TRANSPORT: "outbox" })).toEqual([]);
  });

  it("serverEnv refuses it too, so no request is served with it", async () => {
    const fresh = async () => {
      vi.resetModules();
      return (await import("@/lib/env")).serverEnv;
    };
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgresql://kapstone@127.0.0.1:5432/kapstone");
    vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123");
    vi.stubEnv("MAIL_TRANSPORT", "outbox");
    try {
      vi.stubEnv("KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION", undefined);
      const refusing = await fresh();
      expect(() => refusing()).toThrow(/refused[\s\S]*MAIL_TRANSPORT=outbox in production/);
      vi.stubEnv("KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION", "1");
      expect((await fresh())().MAIL_TRANSPORT).toBe("outbox");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
