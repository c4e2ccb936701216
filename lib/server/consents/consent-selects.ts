import type { Prisma } from "@/lib/generated/prisma/client";

/** What consent status reads of a signature (lib/domain/consents/consent-status.ts), withdrawal included. */
export const consentSignatureStatusSelect = {
  id: true,
  signedAt: true,
  document: { select: { kind: true, version: true } },
  withdrawal: { select: { withdrawnAt: true, reason: true } },
} satisfies Prisma.ConsentSignatureSelect;
