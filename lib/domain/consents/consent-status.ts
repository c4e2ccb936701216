import type { ConsentKind } from "./consent-documents";

export type ConsentStatus = {
  kind: ConsentKind;
  documentId: string | null;
  currentVersion: number | null;
  signedVersion: number | null;
  signedAt: Date | null;
  /** The client withdrew their newest signature of this kind (docs/clinical-rules.md §5). */
  withdrawnAt: Date | null;
  withdrawReason: string | null;
  /** The newest signature of this kind, while it stands (not withdrawn): what a withdrawal withdraws. */
  signatureId: string | null;
  /** Signed the current version and has not withdrawn that signature. */
  current: boolean;
};

type Doc = { id: string; kind: string; version: number };
type Signature = {
  id?: string;
  signedAt: Date;
  document: { kind: string; version: number };
  /** Always selected, so no caller can miss a withdrawal: null when the signature stands. */
  withdrawal: { withdrawnAt: Date; reason: string | null } | null;
};

/**
 * For each kind: the current (newest) version and the client's newest signature (highest version,
 * then latest). A withdrawn newest signature leaves the consent not current until the client
 * signs the current version again (a new signature, newer than the withdrawn one).
 */
export function consentStatusesFrom(docs: Doc[], signatures: Signature[]): ConsentStatus[] {
  return (["KAP_INFORMED_CONSENT", "RELEASE_OF_INFORMATION"] as const).map((kind) => {
    const doc = docs.filter((d) => d.kind === kind).sort((a, b) => b.version - a.version)[0];
    const signed = signatures
      .filter((s) => s.document.kind === kind)
      .sort(
        (a, b) => b.document.version - a.document.version || b.signedAt.getTime() - a.signedAt.getTime(),
      )[0];
    const withdrawal = signed?.withdrawal ?? null;
    return {
      kind,
      documentId: doc?.id ?? null,
      currentVersion: doc?.version ?? null,
      signedVersion: signed?.document.version ?? null,
      signedAt: signed?.signedAt ?? null,
      withdrawnAt: withdrawal?.withdrawnAt ?? null,
      withdrawReason: withdrawal?.reason ?? null,
      signatureId: signed && !withdrawal ? (signed.id ?? null) : null,
      current: Boolean(doc && signed && !withdrawal && signed.document.version === doc.version),
    };
  });
}
