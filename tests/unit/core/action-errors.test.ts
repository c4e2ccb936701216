import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toActionError } from "@/lib/actions/define";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/core/http";

/** What Prisma's driver adapter throws when a trigger or a unique index refuses a write. */
const uniqueViolation = Object.assign(new Error("Unique constraint failed on the fields: (`clientId`)"), {
  code: "P2002",
});
const fixedRecord = Object.assign(new Error("Invalid `prisma.note.update()` invocation"), {
  cause: { originalCode: "23000", originalMessage: "kapstone: a signed note is fixed" },
});

describe("errors a user can cause become answers, not 500s", () => {
  it("a double submit is a conflict", async () => {
    expect(toActionError(uniqueViolation)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(errorResponse(uniqueViolation).status).toBe(409);
  });
  it("a write to a record signed meanwhile is a conflict", () => {
    expect(toActionError(fixedRecord)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(errorResponse(fixedRecord).status).toBe(409);
  });
  it("an unparsed input that reaches zod is a validation error with field errors", () => {
    const zodError = z.object({ name: z.string() }).safeParse({ name: 3 }).error;
    expect(toActionError(zodError)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { name: [expect.any(String)] },
    });
  });
  it("keeps app errors as they are and hides anything else behind a reference", () => {
    expect(toActionError(new AppError("NOT_FOUND", "Not found."))).toMatchObject({ code: "NOT_FOUND" });
    const other = toActionError(new TypeError("x is undefined"));
    expect(other).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(other.ok ? "" : other.message).toMatch(/reference [0-9a-f-]{36}/);
  });
});

describe("a database that cannot be reached for a moment", () => {
  const unreachable = Object.assign(new Error("Can't reach database server"), {
    code: "P1001",
    meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
  });
  const shutDown = Object.assign(new Error("Invalid `prisma.client.findMany()` invocation"), {
    cause: { originalCode: "57P01", originalMessage: "terminating connection due to administrator command" },
  });
  it("answers 503 with Retry-After, not a 500", () => {
    for (const e of [unreachable, shutDown]) {
      const res = errorResponse(e);
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("5");
      expect(toActionError(e)).toMatchObject({ ok: false, code: "UNAVAILABLE" });
    }
  });
});
