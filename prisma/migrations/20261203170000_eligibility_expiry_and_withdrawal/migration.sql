-- Eligibility in time and consent withdrawal (docs/clinical-rules.md §2 "Eligibility in time",
-- §5 "Withdrawing consent"). The eligibility re-review interval is a practice setting (JSON), so
-- it needs no column.

-- A client may sign the same version again after withdrawing it: one document, several signatures.
DROP INDEX "ConsentSignature_clientId_documentId_key";
CREATE INDEX "ConsentSignature_clientId_documentId_idx" ON "ConsentSignature"("clientId", "documentId");

CREATE TABLE "ConsentWithdrawal" (
    "id" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "signatureId" TEXT NOT NULL,
    "reason" TEXT,
    "withdrawnAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnByUserId" TEXT NOT NULL,
    "ip" TEXT,

    CONSTRAINT "ConsentWithdrawal_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ConsentWithdrawal_signatureId_key" ON "ConsentWithdrawal"("signatureId");
CREATE INDEX "ConsentWithdrawal_clientId_withdrawnAt_idx" ON "ConsentWithdrawal"("clientId", "withdrawnAt");

ALTER TABLE "ConsentWithdrawal" ADD CONSTRAINT "ConsentWithdrawal_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ConsentWithdrawal" ADD CONSTRAINT "ConsentWithdrawal_signatureId_fkey" FOREIGN KEY ("signatureId") REFERENCES "ConsentSignature"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A withdrawal is a clinical record: it never changes and is never deleted.
CREATE TRIGGER consent_withdrawal_fixed BEFORE UPDATE OR DELETE ON "ConsentWithdrawal"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('a consent withdrawal is fixed');
