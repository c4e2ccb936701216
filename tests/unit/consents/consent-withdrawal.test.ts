import { describe, expect, it } from "vitest";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import { withdrawConsentSchema } from "@/lib/validation/consents";

const docs = [
  { id: "v1", kind: "KAP_INFORMED_CONSENT", version: 1 },
  { id: "v2", kind: "KAP_INFORMED_CONSENT", version: 2 },
];
const sig = (id: string, version: number, day: number, withdrawnDay?: number) => ({
  id,
  signedAt: new Date(Date.UTC(2026, 10, day)),
  document: { kind: "KAP_INFORMED_CONSENT", version },
  withdrawal:
    withdrawnDay === undefined
      ? null
      : { withdrawnAt: new Date(Date.UTC(2026, 10, withdrawnDay)), reason: "I need time to think." },
});
const kap = (signatures: ReturnType<typeof sig>[]) => consentStatusesFrom(docs, signatures)[0];

describe("withdrawing a consent", () => {
  it("a withdrawn signature of the current version is not current, and says when and why", () => {
    expect(kap([sig("a", 2, 1)])).toMatchObject({ current: true, signatureId: "a", withdrawnAt: null });
    expect(kap([sig("a", 2, 1, 5)])).toMatchObject({
      current: false,
      signedVersion: 2,
      signatureId: null,
      withdrawnAt: new Date(Date.UTC(2026, 10, 5)),
      withdrawReason: "I need time to think.",
    });
  });

  it("signing the current version again restores it; the withdrawal stays on record", () => {
    expect(kap([sig("a", 2, 1, 5), sig("b", 2, 9)])).toMatchObject({
      current: true,
      signatureId: "b",
      withdrawnAt: null,
    });
    // Order of the rows does not matter: the newest signature decides.
    expect(kap([sig("b", 2, 9), sig("a", 2, 1, 5)])?.current).toBe(true);
  });

  it("withdrawing the newest signature is not undone by an older one still standing", () => {
    expect(kap([sig("old", 1, 1), sig("new", 2, 3, 4)])).toMatchObject({ current: false, signedVersion: 2 });
  });

  it("a reason is optional, kept to a length, and blank means none", () => {
    expect(withdrawConsentSchema.parse({ signatureId: "abc123" })).toEqual({ signatureId: "abc123" });
    expect(withdrawConsentSchema.parse({ signatureId: "abc123", reason: "   " }).reason).toBeUndefined();
    expect(withdrawConsentSchema.safeParse({ signatureId: "abc123", reason: "x".repeat(1001) }).success).toBe(
      false,
    );
    expect(withdrawConsentSchema.safeParse({ signatureId: "../other" }).success).toBe(false);
  });
});
