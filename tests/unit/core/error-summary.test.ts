import { afterEach, describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { errorSummary } from "@/lib/server/core/error-summary";
import { errorResponse } from "@/lib/server/core/http";

/** What a note body or an intake answer looks like inside a failed query. */
const PHI = "Client disclosed daily ketamine use; partner Jordan Avery, DOB 1984-03-09";

/** Shaped like Prisma's validation error: the invalid call, arguments and all, in the message. */
class PrismaClientValidationError extends Error {
  clientVersion = "6.19.3";
  constructor(message: string) {
    super(message);
    this.name = "PrismaClientValidationError";
  }
}

const validationError = () =>
  new PrismaClientValidationError(
    `\nInvalid \`prisma.note.create()\` invocation:\n\n{\n  data: {\n    body: "${PHI}",\n    status: "SIGND"\n  }\n}\n\nInvalid value for argument \`status\`.`,
  );

afterEach(() => vi.restoreAllMocks());

describe("what the logs say about an unexpected error", () => {
  it("keeps a Prisma validation error's class and stack frames, never its message", () => {
    const summary = errorSummary(validationError());
    expect(summary).toMatch(/^PrismaClientValidationError/);
    expect(summary).toMatch(/\n\s+at .*error-summary\.test\.ts:\d+:\d+/);
    expect(summary).not.toContain("ketamine");
    expect(summary).not.toContain("Jordan");
    expect(summary).not.toContain("SIGND");
  });

  it("keeps a known request error's code, model and target, and drops its message", () => {
    const e = new Prisma.PrismaClientKnownRequestError(`Unique constraint failed: ${PHI}`, {
      code: "P2002",
      clientVersion: "6.19.3",
      meta: { modelName: "Client", target: ["practiceId", "email"], cause: PHI },
    });
    const summary = errorSummary(e);
    expect(summary).toContain("PrismaClientKnownRequestError");
    expect(summary).toContain("code P2002");
    expect(summary).toContain("model Client");
    expect(summary).toContain("target practiceId,email");
    expect(summary).not.toContain("Jordan");
  });

  it("withholds a Postgres driver error's message (it quotes values) and a wrapped cause's", () => {
    const driver = Object.assign(new Error(`invalid input syntax for type date: "${PHI}"`), {
      severity: "ERROR",
      code: "22007",
    });
    const wrapped = new Error("query failed", { cause: driver });
    const summary = errorSummary(wrapped);
    expect(summary).toContain("query failed");
    expect(summary).toContain("code 22007");
    expect(summary).not.toContain("Jordan");
  });

  it("keeps an ordinary error's message unless told not to", () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'startsAt')");
    expect(errorSummary(e)).toContain("reading 'startsAt'");
    const mail = Object.assign(new Error("550 <jordan@example.com>: Recipient address rejected"), {
      code: "EENVELOPE",
    });
    const summary = errorSummary(mail, { withMessage: false });
    expect(summary).toContain("code EENVELOPE");
    expect(summary).not.toContain("jordan@example.com");
    expect(errorSummary("a string")).toBe("non-error thrown (string)");
  });

  it("a route handler's 500 logs the summary with the reference the user sees", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(validationError());
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string } };
    const reference = body.error.message.match(/reference ([0-9a-f-]{36})/)?.[1];
    expect(reference).toBeTruthy();
    const line = log.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
    expect(line).toContain(`[request ${reference}]`);
    expect(line).toContain("PrismaClientValidationError");
    expect(line).not.toContain("ketamine");
    expect(line).not.toContain("Jordan");
  });
});
