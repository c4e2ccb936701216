-- A dose that was given always counts (docs/clinical-rules.md §1 "The dosing gate", §3a).
--
-- 1. A dosing session in which a dose was given can no longer be cancelled or marked a
--    no-show: it can only be ended early, with a reason (a new session status).
-- 2. Per-partner attendance of a couple's preparation and integration sessions, recorded by
--    the clinician when the session is completed; the dosing gate reads it.
-- 3. Database guarantees behind both (errors carry the "kapstone:" prefix, see
--    20261127014800_record_guarantees): a session with a given dose is never cancelled or
--    marked a no-show, a dose is never recorded on a cancelled or no-show session, and a
--    recorded attendance never changes.
--
-- The new enum value is not used in this migration (PostgreSQL allows using it only after the
-- transaction that adds it commits).

-- AlterEnum
ALTER TYPE "SessionStatus" ADD VALUE 'ENDED_EARLY';

-- CreateTable
CREATE TABLE "SessionAttendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "recordedById" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionAttendance_clientId_idx" ON "SessionAttendance"("clientId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionAttendance_sessionId_clientId_key" ON "SessionAttendance"("sessionId", "clientId");

-- AddForeignKey
ALTER TABLE "SessionAttendance" ADD CONSTRAINT "SessionAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAttendance" ADD CONSTRAINT "SessionAttendance_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Recorded attendance is a clinical fact: it never changes and is never deleted.
CREATE TRIGGER session_attendance_fixed BEFORE UPDATE OR DELETE ON "SessionAttendance"
  FOR EACH ROW EXECUTE FUNCTION kapstone_refuse('recorded attendance is fixed');

-- A session in which a dose was given is never cancelled or marked a no-show. The session's
-- records are locked first, so a dose being written at the same moment is waited for and seen.
CREATE FUNCTION kapstone_refuse_cancel_after_dose() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "DosingRecord" WHERE "sessionId" = NEW."id" FOR SHARE;
  IF EXISTS (
    SELECT 1 FROM "DosingRecord" WHERE "sessionId" = NEW."id" AND "doseGivenAt" IS NOT NULL
  ) THEN
    RAISE EXCEPTION 'kapstone: % on "%" is not allowed: a dose was given in this session',
      TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER session_not_cancelled_after_dose BEFORE UPDATE OF "status" ON "Session"
  FOR EACH ROW
  WHEN (NEW."status"::text IN ('CANCELLED', 'NO_SHOW') AND OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION kapstone_refuse_cancel_after_dose();

-- A dose is never recorded on a session that was cancelled or marked a no-show. The session
-- row is locked first, so a cancellation being written at the same moment is waited for and seen.
CREATE FUNCTION kapstone_refuse_dose_when_cancelled() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  session_status text;
BEGIN
  SELECT "status"::text INTO session_status FROM "Session" WHERE "id" = NEW."sessionId" FOR SHARE;
  IF session_status IN ('CANCELLED', 'NO_SHOW') THEN
    RAISE EXCEPTION 'kapstone: % on "%" is not allowed: the session was cancelled or marked a no-show',
      TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER dosing_record_dose_needs_live_session BEFORE INSERT OR UPDATE OF "doseGivenAt" ON "DosingRecord"
  FOR EACH ROW
  WHEN (NEW."doseGivenAt" IS NOT NULL)
  EXECUTE FUNCTION kapstone_refuse_dose_when_cancelled();
