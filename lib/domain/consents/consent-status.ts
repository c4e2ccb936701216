import type { ConsentKind } from "./consent-documents";

export type ConsentStatus = {
  kind: ConsentKind;
  documentId: string | null;
  currentVersion: number | null;
  signedVersion: number | null;
  signedAt: Date | null;
  /** Signed the current version. */
  current: boolean;
};

type Doc = { id: string; kind: string; version: number };
type Signature = { signedAt: Date; document: { kind: string; version: number } };

/** For each kind: the current (newest) version and the newest version the client signed. */
export function consentStatusesFrom(docs: Doc[], signatures: Signature[]): ConsentStatus[] {
  return (["KAP_INFORMED_CONSENT", "RELEASE_OF_INFORMATION"] as const).map((kind) => {
    const doc = docs.filter((d) => d.kind === kind).sort((a, b) => b.version - a.version)[0];
    const signed = signatures
      .filter((s) => s.document.kind === kind)
      .sort((a, b) => b.document.version - a.document.version)[0];
    return {
      kind,
      documentId: doc?.id ?? null,
      currentVersion: doc?.version ?? null,
      signedVersion: signed?.document.version ?? null,
      signedAt: signed?.signedAt ?? null,
      current: Boolean(doc && signed && signed.document.version === doc.version),
    };
  });
}
