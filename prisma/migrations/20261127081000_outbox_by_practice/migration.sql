-- The development outbox shows each practice only its own mail, and staff
-- invitations (links that open a staff account) only to that practice's admins.
ALTER TABLE "OutboxMessage" ADD COLUMN "practiceId" TEXT,
ADD COLUMN "adminOnly" BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX "OutboxMessage_practiceId_createdAt_idx" ON "OutboxMessage"("practiceId", "createdAt");
