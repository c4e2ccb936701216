-- Recovery codes of two-step sign-in (docs/security.md S5, S13): stored only as their SHA-256,
-- each used once. Whether a practice requires two-step sign-in is a practice setting (JSON), so it
-- needs no column.
CREATE TABLE "MfaRecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "MfaRecoveryCode_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MfaRecoveryCode_codeHash_key" ON "MfaRecoveryCode"("codeHash");
CREATE INDEX "MfaRecoveryCode_userId_idx" ON "MfaRecoveryCode"("userId");

ALTER TABLE "MfaRecoveryCode" ADD CONSTRAINT "MfaRecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Turning two-step sign-in off, an admin's reset and new codes replace a user's codes
-- (lib/server/auth/recovery-codes.ts, lib/server/auth/two-step.ts): not clinical records.
GRANT DELETE ON "MfaRecoveryCode" TO kapstone_app;
