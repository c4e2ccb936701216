import { describe, expect, it } from "vitest";
import { DEFAULT_KAP_CONSENT } from "@/lib/domain/consents/consent-documents";
import type { AppError } from "@/lib/errors";
import { publishConsentVersion } from "@/lib/server/consents/consent-documents";
import { getConsentForSigning, signConsent } from "@/lib/server/consents/consent-signing";
import { db } from "@/lib/server/core/db";
import { codeOf } from "../../fixtures/errors";
import { createScene, sql } from "../../fixtures/factory";
import { checklistOf, sceneWithConsents, signKap } from "../../fixtures/journey";
import { ownerSql } from "../../fixtures/owner";

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000);

describe("consents", () => {
  it("keep a typed signature without bidirectional or zero-width characters", async () => {
    const s = await sceneWithConsents();
    const { legalFirstName: first, legalLastName: last } = s.clientA;
    // U+202E shows the rest of the line reversed; U+200B is invisible.
    const { signatureId } = await signKap(s.actors.clientA, `\u202E${first}\u200B ${last}\u2069`);
    const row = await db().consentSignature.findUniqueOrThrow({ where: { id: signatureId } });
    expect(row.typedName).toBe(`${first} ${last}`);

    const other = await sceneWithConsents();
    const onlyInvisible = await signKap(other.actors.clientA, "\u202E\u200B\u2066\u2069").catch(
      (e: AppError) => e.fieldErrors,
    );
    expect(onlyInvisible).toHaveProperty("typedName");
    expect(await db().consentSignature.count({ where: { clientId: other.clientA.id } })).toBe(0);
  });

  it("are fixed once signed, and a new version asks for a new signature", async () => {
    const s = await sceneWithConsents();
    const wrong = await signConsent(s.actors.clientA, {
      kind: "KAP_INFORMED_CONSENT",
      documentId: (await getConsentForSigning(s.actors.clientA, "KAP_INFORMED_CONSENT")).document.id,
      typedName: "Somebody Else",
    }).catch((e: AppError) => e.fieldErrors);
    expect(wrong).toHaveProperty("typedName");

    const { signatureId } = await signKap(
      s.actors.clientA,
      `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`,
    );
    const row = await db().consentSignature.findUniqueOrThrow({ where: { id: signatureId } });
    expect(row.ip).toBe("203.0.113.7");
    await expect(
      db().consentSignature.update({ where: { id: signatureId }, data: { typedName: "x" } }),
    ).rejects.toThrow(/fixed/);
    await expect(db().consentSignature.delete({ where: { id: signatureId } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(ownerSql('DELETE FROM "ConsentSignature" WHERE id = $1', signatureId)).rejects.toThrow(
      /fixed/,
    );
    expect(
      await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`).catch(codeOf),
    ).toBe("CONFLICT");

    await publishConsentVersion(s.actors.admin, {
      kind: "KAP_INFORMED_CONSENT",
      title: DEFAULT_KAP_CONSENT.title,
      body: `${DEFAULT_KAP_CONSENT.body}\n\n14. A new section.`,
    });
    expect((await checklistOf(s)).items.find((i) => i.id === "consent-kap")?.done).toBe(false);
    const second = await signKap(s.actors.clientA, `${s.clientA.legalFirstName} ${s.clientA.legalLastName}`);
    expect(second.version).toBe(2);
    expect(
      await publishConsentVersion(s.actors.therapist, {
        kind: "KAP_INFORMED_CONSENT",
        title: "x".repeat(10),
        body: "y".repeat(300),
      }).catch(codeOf),
    ).toBe("FORBIDDEN");
  });
});

/**
 * The database refuses what the app never does (prisma/migrations/*_more_record_guarantees):
 * raw SQL, as a script or a careless fix would send it, straight to the table.
 */
describe("a signed release of information keeps its scope; the client may only revoke it", () => {
  async function releaseScene(signed: boolean) {
    const s = await createScene();
    const provider = await db().externalProvider.create({
      data: { practiceId: s.practice.id, clientId: s.clientA.id, name: "Dana Whitfield, LMFT" },
    });
    const other = await db().externalProvider.create({
      data: { practiceId: s.practice.id, clientId: s.clientA.id, name: "Someone Else" },
    });
    const document = await db().consentDocument.create({
      data: {
        practiceId: s.practice.id,
        kind: "RELEASE_OF_INFORMATION",
        version: 1,
        title: "Release",
        body: "I allow my clinic to share…",
      },
    });
    const signature = signed
      ? await db().consentSignature.create({
          data: {
            clientId: s.clientA.id,
            documentId: document.id,
            typedName: "Test Client",
            signedByUserId: s.clientA.userId ?? s.therapist.id,
          },
        })
      : null;
    const release = await db().release.create({
      data: {
        clientId: s.clientA.id,
        externalProviderId: provider.id,
        categories: ["attendance"],
        expiresAt: inAMonth(),
        signatureId: signature?.id ?? null,
      },
    });
    return { s, release, other };
  }

  it("refuses a change to the provider, categories, expiry or signature", async () => {
    const { s, release, other } = await releaseScene(true);
    const changes: [string, unknown][] = [
      ["categories = $1", ["attendance", "treatment-summary", "screening-outcome"]],
      ['"expiresAt" = $1', new Date(Date.now() + 10 * 365 * 86_400_000)],
      ['"externalProviderId" = $1', other.id],
      ['"signatureId" = $1', null],
      ['"clientId" = $1', s.clientB.id],
    ];
    for (const [set, value] of changes) {
      await expect(sql(`UPDATE "Release" SET ${set} WHERE id = $2`, value, release.id)).rejects.toThrow(
        /kapstone: UPDATE on "Release" is not allowed: it is fixed once made/,
      );
    }
    const saved = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(saved).toMatchObject({
      categories: ["attendance"],
      externalProviderId: release.externalProviderId,
    });
  });

  it("allows revocation, then nothing", async () => {
    const { release } = await releaseScene(true);
    await expect(
      db().release.update({ where: { id: release.id }, data: { revokedAt: new Date() } }),
    ).resolves.toMatchObject({ id: release.id });
    await expect(sql('UPDATE "Release" SET "revokedAt" = NULL WHERE id = $1', release.id)).rejects.toThrow(
      /revoked and fixed/,
    );
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).revokedAt).not.toBeNull();
  });

  it("leaves an unsigned release open to change, and refuses DELETE and TRUNCATE either way", async () => {
    const { release } = await releaseScene(false);
    await db().release.update({
      where: { id: release.id },
      data: { categories: ["attendance", "treatment-summary"] },
    });
    await expect(sql('DELETE FROM "Release" WHERE id = $1', release.id)).rejects.toThrow(/permission denied/);
    await expect(sql('TRUNCATE "Release"')).rejects.toThrow(/permission denied/);
    await expect(ownerSql('DELETE FROM "Release" WHERE id = $1', release.id)).rejects.toThrow(
      /revoked, never deleted/,
    );
    await expect(ownerSql('TRUNCATE "Release"')).rejects.toThrow(/revoked, never deleted/);
  });
});
