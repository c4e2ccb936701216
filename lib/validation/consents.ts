import { z } from "zod";
import { idSchema, storableString } from "@/lib/domain/core/fields";
import { nameText } from "@/lib/domain/core/names";

export const CONSENT_KINDS = ["KAP_INFORMED_CONSENT", "RELEASE_OF_INFORMATION"] as const;
export const consentKindSchema = z.enum(CONSENT_KINDS);

export const signConsentSchema = z.object({
  kind: consentKindSchema,
  documentId: idSchema,
  typedName: nameText("your full legal name", 200, {
    min: 3,
    tooShort: "Type your full legal name to sign.",
    tooLong: "That name is too long.",
  }),
});
export type SignConsentInput = z.input<typeof signConsentSchema>;

export const publishConsentSchema = z.object({
  kind: consentKindSchema,
  title: storableString().trim().min(5, "Give the document a title.").max(200),
  body: storableString()
    .trim()
    .min(200, "The document is too short to be a consent (200 characters at least).")
    .max(50_000, "Keep the document under 50,000 characters."),
});
export type PublishConsentInput = z.input<typeof publishConsentSchema>;

/** A client withdraws a consent they signed (docs/clinical-rules.md §5); the reason is theirs to give or not. */
export const withdrawConsentSchema = z.object({
  signatureId: idSchema,
  reason: storableString()
    .trim()
    .max(1000, "Keep the reason under 1,000 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type WithdrawConsentInput = z.input<typeof withdrawConsentSchema>;
