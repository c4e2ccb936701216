"use server";

import { publishConsentVersion } from "@/lib/server/consents/consent-documents";
import { signConsent } from "@/lib/server/consents/consent-signing";
import { withdrawConsent } from "@/lib/server/consents/consent-withdrawal";
import { requestUserAgent } from "@/lib/server/core/request";
import { publishConsentSchema, signConsentSchema, withdrawConsentSchema } from "@/lib/validation/consents";
import { action } from "./define";

export const signConsentAction = action(signConsentSchema, async (actor, input) =>
  signConsent(actor, input, await requestUserAgent()),
);

export const publishConsentAction = action(
  publishConsentSchema,
  async (actor, input) => {
    const doc = await publishConsentVersion(actor, input);
    return { version: doc.version };
  },
  { revalidate: "/admin/consents" },
);

export const withdrawConsentAction = action(
  withdrawConsentSchema,
  async (actor, input) => withdrawConsent(actor, input),
  {
    revalidate: "/portal",
  },
);
