"use server";

import { publishConsentVersion } from "@/lib/server/consents/consent-documents";
import { signConsent } from "@/lib/server/consents/consent-signing";
import { requestUserAgent } from "@/lib/server/core/request";
import { publishConsentSchema, signConsentSchema } from "@/lib/validation/consents";
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
