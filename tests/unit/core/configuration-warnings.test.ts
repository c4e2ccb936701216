import { afterEach, describe, expect, it, vi } from "vitest";
import { configurationWarnings, logConfigurationWarnings } from "@/lib/env";

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
