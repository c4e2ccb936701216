-- Why a screening was opened again (revisit of a signed decision, answered information request).
ALTER TABLE "Screening" ADD COLUMN "openedReason" TEXT;
