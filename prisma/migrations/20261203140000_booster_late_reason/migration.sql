-- A booster charted more than 15 minutes after it was given says why, as the dose does
-- (docs/clinical-rules.md §3, "Times on the dosing record").
ALTER TABLE "DosingRecord" ADD COLUMN "boosterLateReason" TEXT;
