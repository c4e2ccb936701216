import "server-only";
import type { Actor } from "@/lib/auth/actor";
import {
  type ConsentKind,
  fillReleaseBody,
  RELEASE_CATEGORIES,
  RELEASE_MONTHS,
  typedNameMatches,
} from "@/lib/domain/consents/consent-documents";
import { type ConsentStatus, consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import { outsideTherapistStep } from "@/lib/domain/intake/intake-answers";
import { AppError } from "@/lib/errors";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type SignConsentInput, signConsentSchema } from "@/lib/validation/consents";
import { consentSignatureStatusSelect } from "./consent-selects";

type Client = Pick<Tx, "consentDocument" | "consentSignature">;

/** The practice's current (newest published) version of a consent document. */
export function currentConsentDocument(tx: Client, practiceId: string, kind: ConsentKind) {
  return tx.consentDocument.findFirst({
    where: { practiceId, kind, retiredAt: null },
    orderBy: { version: "desc" },
  });
}

/** For each kind: the current version and the newest version this client signed. */
export async function consentStatuses(
  tx: Client,
  practiceId: string,
  clientId: string,
): Promise<ConsentStatus[]> {
  const [docs, signatures] = await Promise.all([
    tx.consentDocument.findMany({
      where: { practiceId, retiredAt: null },
      select: { id: true, kind: true, version: true },
    }),
    tx.consentSignature.findMany({
      where: { clientId },
      select: consentSignatureStatusSelect,
    }),
  ]);
  return consentStatusesFrom(docs, signatures);
}

/** The outside therapist the client named in their intake draft, if any. */
async function namedOutsideTherapist(clientId: string) {
  const intake = await db().formResponse.findFirst({
    where: { clientId, kind: "INTAKE" },
    orderBy: { createdAt: "desc" },
    select: { data: true },
  });
  const step = (intake?.data as Record<string, unknown> | null)?.outsideTherapist;
  const parsed = outsideTherapistStep.safeParse(step);
  if (!parsed.success || parsed.data.hasOutsideTherapist !== "yes" || !parsed.data.name) return null;
  return parsed.data;
}

/** The document a client is asked to sign, in full (a release names their outside therapist). */
export async function getConsentForSigning(actor: Actor, kind: ConsentKind) {
  await authorize(actor, "sign", "consent");
  const client = await requireOwnClient(actor);
  const doc = await currentConsentDocument(db(), actor.practiceId, kind);
  if (!doc) throw new AppError("NOT_FOUND", "Your clinic has not published this document yet.");
  let body = doc.body;
  if (kind === "RELEASE_OF_INFORMATION") {
    const provider = await namedOutsideTherapist(client.id);
    if (!provider?.name) {
      throw new AppError("NOT_FOUND", "Name your outside therapist in your intake first.");
    }
    body = fillReleaseBody(body, { ...provider, name: provider.name });
  }
  // The newest signature of this version; a withdrawn one asks the client to sign again.
  const signature = await db().consentSignature.findFirst({
    where: { clientId: client.id, documentId: doc.id },
    orderBy: { signedAt: "desc" },
    select: {
      id: true,
      signedAt: true,
      typedName: true,
      withdrawal: { select: { withdrawnAt: true, reason: true } },
    },
  });
  await audit(actor, {
    action: "consent.read",
    recordType: "ConsentDocument",
    recordId: doc.id,
    clientId: client.id,
  });
  return {
    document: { ...doc, body },
    signature,
    legalName: `${client.legalFirstName} ${client.legalLastName}`,
  };
}

/** Signs the current version by typing the full legal name; stored with time and IP, never editable. */
export async function signConsent(actor: Actor, input: SignConsentInput, userAgent: string | null = null) {
  await authorize(actor, "sign", "consent");
  const data = parseOrThrow(signConsentSchema, input);
  const client = await requireOwnClient(actor);
  if (!typedNameMatches(data.typedName, { first: client.legalFirstName, last: client.legalLastName })) {
    throw new AppError("VALIDATION", "Please correct the highlighted field.", {
      fieldErrors: {
        typedName: [
          `Type your full legal name exactly as your clinic has it: ${client.legalFirstName} ${client.legalLastName}.`,
        ],
      },
    });
  }
  const provider = data.kind === "RELEASE_OF_INFORMATION" ? await namedOutsideTherapist(client.id) : null;
  if (data.kind === "RELEASE_OF_INFORMATION" && !provider) {
    throw new AppError("VALIDATION", "Name your outside therapist in your intake first.");
  }
  return transaction(actor, async (tx) => {
    const doc = await currentConsentDocument(tx, actor.practiceId, data.kind);
    if (!doc || doc.id !== data.documentId) {
      throw new AppError(
        "CONFLICT",
        "A newer version of this document was published. Please read it before signing.",
      );
    }
    // Signing again is for a withdrawn signature only (docs/clinical-rules.md §5).
    const existing = await tx.consentSignature.findFirst({
      where: { clientId: client.id, documentId: doc.id, withdrawal: null },
      select: { id: true },
    });
    if (existing) throw new AppError("CONFLICT", "You have already signed this version.");
    const signature = await tx.consentSignature.create({
      data: {
        clientId: client.id,
        documentId: doc.id,
        typedName: data.typedName,
        ip: actor.ip,
        userAgent,
        signedByUserId: actor.userId,
      },
    });
    if (provider?.name) {
      const external = await tx.externalProvider.create({
        data: {
          practiceId: actor.practiceId,
          clientId: client.id,
          name: provider.name,
          credentials: provider.credentials,
          organization: provider.organization,
          email: provider.email,
          phone: provider.phone,
        },
      });
      const expiresAt = new Date(signature.signedAt);
      expiresAt.setUTCMonth(expiresAt.getUTCMonth() + RELEASE_MONTHS);
      await tx.release.create({
        data: {
          clientId: client.id,
          externalProviderId: external.id,
          categories: [...RELEASE_CATEGORIES],
          expiresAt,
          signatureId: signature.id,
        },
      });
    }
    await audit(
      actor,
      {
        action: "consent.sign",
        recordType: "ConsentSignature",
        recordId: signature.id,
        clientId: client.id,
        detail: { kind: data.kind, version: doc.version },
      },
      tx,
    );
    return { signatureId: signature.id, version: doc.version };
  });
}
