import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { notifyCareTeam } from "@/lib/server/mail/care-team-notice";
import { type WithdrawConsentInput, withdrawConsentSchema } from "@/lib/validation/consents";

/**
 * Tells the care team at once that a client changed their consents, without any client details
 * in the message (the same way a safety flag is told). Sent after the commit; a mail failure is
 * logged, never shown to the client.
 */
export async function notifyConsentWithdrawn(practiceId: string, clientId: string, reference: string) {
  await notifyCareTeam(practiceId, clientId, reference, {
    subject: "Kapstone: a client's consent needs your attention",
    body: "A client on your care team has withdrawn a consent. Doses for this client are held until it is signed again. Please sign in to Kapstone to see it on the client's record:",
  });
}

/**
 * The signed-in client withdraws a consent they signed, at any time, with an optional reason
 * (docs/clinical-rules.md §5 "Withdrawing consent"). Only their own newest signature of that
 * document, and only while it stands: anyone else's answers not found, audited. The withdrawal is
 * recorded (fixed), audited, tells the care team, and from its commit the consent is no longer
 * current, so the dosing gate, the checklist and the re-check at the dose hold every further dose.
 */
export async function withdrawConsent(actor: Actor, input: WithdrawConsentInput) {
  await authorize(actor, "sign", "consent");
  const data = parseOrThrow(withdrawConsentSchema, input);
  const client = await requireOwnClient(actor, "consent.withdraw");
  const signature = await db().consentSignature.findFirst({
    where: { id: data.signatureId, clientId: client.id },
    select: {
      id: true,
      signedAt: true,
      documentId: true,
      document: { select: { kind: true, version: true } },
      withdrawal: { select: { id: true } },
    },
  });
  if (!signature) {
    return deniedAsNotFound(actor, {
      action: "consent.withdraw",
      recordType: "ConsentSignature",
      recordId: data.signatureId,
    });
  }
  if (signature.withdrawal) throw new AppError("CONFLICT", "You have already withdrawn this consent.");
  const withdrawal = await transaction(actor, async (tx) => {
    // Only the newest signature of this kind stands; an older one is not what is in force.
    const newest = await tx.consentSignature.findFirst({
      where: { clientId: client.id, document: { kind: signature.document.kind } },
      orderBy: [{ document: { version: "desc" } }, { signedAt: "desc" }],
      select: { id: true },
    });
    if (newest?.id !== signature.id) {
      throw new AppError("CONFLICT", "This signature is no longer the one in force. Please reload the page.");
    }
    const created = await tx.consentWithdrawal
      .create({
        data: {
          clientId: client.id,
          signatureId: signature.id,
          reason: data.reason ?? null,
          withdrawnByUserId: actor.userId,
          ip: actor.ip,
        },
        select: { id: true, withdrawnAt: true },
      })
      .catch((e: unknown) => {
        // Two windows withdrawing at once: the unique signature id lets one through.
        if ((e as { code?: string }).code === "P2002")
          throw new AppError("CONFLICT", "You have already withdrawn this consent.");
        throw e;
      });
    await audit(
      actor,
      {
        action: "consent.withdraw",
        recordType: "ConsentSignature",
        recordId: signature.id,
        clientId: client.id,
        detail: {
          kind: signature.document.kind,
          version: signature.document.version,
          withdrawalId: created.id,
          reasonGiven: Boolean(data.reason),
        },
      },
      tx,
    );
    return created;
  });
  await notifyConsentWithdrawn(actor.practiceId, client.id, `ConsentWithdrawal ${withdrawal.id}`);
  return { withdrawnAt: withdrawal.withdrawnAt, kind: signature.document.kind };
}
