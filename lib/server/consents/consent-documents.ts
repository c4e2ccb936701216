import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type PublishConsentInput, publishConsentSchema } from "@/lib/validation/consents";
import { currentConsentDocument } from "./consent-signing";

/** Admins publish a new version; clients are asked to sign it again. */
export async function publishConsentVersion(actor: Actor, input: PublishConsentInput) {
  await authorize(actor, "publish", "consentDocument");
  const data = parseOrThrow(publishConsentSchema, input);
  return transaction(actor, async (tx) => {
    const latest = await currentConsentDocument(tx, actor.practiceId, data.kind);
    const doc = await tx.consentDocument.create({
      data: {
        practiceId: actor.practiceId,
        kind: data.kind,
        version: (latest?.version ?? 0) + 1,
        title: data.title,
        body: data.body,
        publishedById: actor.userId,
      },
    });
    await audit(
      actor,
      {
        action: "consent_document.publish",
        recordType: "ConsentDocument",
        recordId: doc.id,
        detail: { kind: data.kind, version: doc.version },
      },
      tx,
    );
    return doc;
  });
}

export async function listConsentDocuments(actor: Actor) {
  await authorize(actor, "publish", "consentDocument");
  return db().consentDocument.findMany({
    where: { practiceId: actor.practiceId },
    orderBy: [{ kind: "asc" }, { version: "desc" }],
    select: {
      id: true,
      kind: true,
      version: true,
      title: true,
      body: true,
      publishedAt: true,
      _count: { select: { signatures: true } },
    },
  });
}
