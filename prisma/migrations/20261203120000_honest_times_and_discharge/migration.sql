-- Honest times, the respiratory rate, skipped readings and the discharge time
-- (docs/clinical-rules.md §3: "Vitals during the session", "Adverse events", "Discharge").

-- A reading, an adverse event or a dose charted more than 15 minutes after it happened keeps the
-- reason it was charted late; createdAt already says when it was charted.
ALTER TABLE "VitalSign" ADD COLUMN "respiratoryRate" INTEGER;
ALTER TABLE "VitalSign" ADD COLUMN "lateReason" TEXT;
ALTER TABLE "AdverseEvent" ADD COLUMN "lateReason" TEXT;
ALTER TABLE "DosingRecord" ADD COLUMN "doseLateReason" TEXT;

-- The discharge time is kept apart from the time the client would have been ready to leave.
ALTER TABLE "DosingRecord" ADD COLUMN "dischargedAt" TIMESTAMPTZ(3);

-- Until now the one discharge time was stored as "readyToLeaveAt", and it was the time every
-- item passed: open records keep it as their discharge time too. Signed records never change
-- (dosing_record_fixed_when_signed); the app reads their "readyToLeaveAt" as the discharge time.
UPDATE "DosingRecord" SET "dischargedAt" = "readyToLeaveAt"
  WHERE "readyToLeaveAt" IS NOT NULL AND "signedAt" IS NULL;

-- A scheduled reading that was not taken, with the reason (0 is the baseline).
CREATE TABLE "SkippedReading" (
    "id" TEXT NOT NULL,
    "dosingRecordId" TEXT NOT NULL,
    "markMinute" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SkippedReading_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "SkippedReading_dosingRecordId_markMinute_key" ON "SkippedReading"("dosingRecordId", "markMinute");

ALTER TABLE "SkippedReading" ADD CONSTRAINT "SkippedReading_dosingRecordId_fkey" FOREIGN KEY ("dosingRecordId") REFERENCES "DosingRecord"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Sanity checks the app also makes.
ALTER TABLE "SkippedReading" ADD CONSTRAINT skipped_reading_mark CHECK ("markMinute" >= 0);
ALTER TABLE "SkippedReading" ADD CONSTRAINT skipped_reading_reason CHECK (length(btrim("reason")) >= 5);
ALTER TABLE "DosingRecord" ADD CONSTRAINT dosing_record_ready_before_discharge
  CHECK ("readyToLeaveAt" IS NULL OR "dischargedAt" IS NULL OR "readyToLeaveAt" <= "dischargedAt");

-- Like readings and adverse events (prisma/migrations/*record_guarantees): fixed once the record
-- is signed, never deleted.
CREATE TRIGGER skipped_reading_fixed_when_signed BEFORE INSERT OR UPDATE OR DELETE ON "SkippedReading"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse_when_dosing_record_signed();
CREATE TRIGGER skipped_reading_no_hard_delete BEFORE DELETE ON "SkippedReading"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
CREATE TRIGGER skipped_reading_no_truncate BEFORE TRUNCATE ON "SkippedReading"
  FOR EACH STATEMENT EXECUTE FUNCTION kapstone_refuse('clinical records are never deleted');
