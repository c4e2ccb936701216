-- Orders that catch typos, boosters, and licences with expiry dates (docs/clinical-rules.md §2, §3).

-- Two more routes. New enum values are appended in display order after sublingual.
ALTER TYPE "DosingRoute" ADD VALUE IF NOT EXISTS 'ORAL' AFTER 'SUBLINGUAL';
ALTER TYPE "DosingRoute" ADD VALUE IF NOT EXISTS 'INTRANASAL' AFTER 'ORAL';

-- An order's optional booster: amount, earliest minute after the first administration, and the
-- session's total maximum. All three or none (the app checks the amounts; the database the shape).
ALTER TABLE "DosingOrder"
  ADD COLUMN "boosterMg" DECIMAL(7,2),
  ADD COLUMN "boosterEarliestMinute" INTEGER,
  ADD COLUMN "totalMaxMg" DECIMAL(7,2);
ALTER TABLE "DosingOrder" ADD CONSTRAINT dosing_order_booster_all_or_none CHECK (
  ("boosterMg" IS NULL) = ("boosterEarliestMinute" IS NULL)
  AND ("boosterMg" IS NULL) = ("totalMaxMg" IS NULL)
);

-- A role change revokes the orders a prescriber wrote: found by prescriber, unrevoked.
CREATE INDEX "DosingOrder_prescriberId_revokedAt_idx" ON "DosingOrder"("prescriberId", "revokedAt");

-- The booster given, on the dosing record. It comes after the first administration, with its lot.
ALTER TABLE "DosingRecord"
  ADD COLUMN "boosterMg" DECIMAL(7,2),
  ADD COLUMN "boosterGivenAt" TIMESTAMPTZ(3),
  ADD COLUMN "boosterLotNumber" TEXT;
ALTER TABLE "DosingRecord" ADD CONSTRAINT dosing_record_booster_after_dose CHECK (
  "boosterGivenAt" IS NULL
  OR ("doseGivenAt" IS NOT NULL AND "boosterGivenAt" >= "doseGivenAt"
      AND "boosterMg" IS NOT NULL AND "boosterLotNumber" IS NOT NULL)
);

-- Licences with an expiry date, one row per clinician and state.
CREATE TABLE "StaffLicence" (
    "id" TEXT NOT NULL,
    "staffProfileId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "expiresAt" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StaffLicence_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StaffLicence_staffProfileId_state_key" ON "StaffLicence"("staffProfileId", "state");
ALTER TABLE "StaffLicence" ADD CONSTRAINT "StaffLicence_staffProfileId_fkey"
  FOREIGN KEY ("staffProfileId") REFERENCES "StaffProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "StaffLicence" ADD CONSTRAINT staff_licence_state_code CHECK ("state" ~ '^[A-Z]{2}$');

-- The licence states on file had no expiry date. Every licence now needs one, and an unknown
-- expiry cannot be left open: each existing state is copied with an expiry at the END OF THE
-- CURRENT YEAR (31 December of the year this migration runs). Admins must enter the real
-- expiry dates (Admin → Users → Licences) before then; after it, the licence no longer counts.
INSERT INTO "StaffLicence" ("id", "staffProfileId", "state", "expiresAt", "createdAt", "updatedAt")
SELECT replace(gen_random_uuid()::text, '-', ''), s."staffProfileId", s."state",
       make_date(EXTRACT(YEAR FROM CURRENT_DATE)::int, 12, 31), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM (
  SELECT DISTINCT p."id" AS "staffProfileId", upper(trim(st)) AS "state"
  FROM "StaffProfile" p, unnest(p."licenseStates") AS st
  WHERE upper(trim(st)) ~ '^[A-Z]{2}$'
) s;

-- Staff invitations not yet accepted carry the states they were sent with: the same expiry.
UPDATE "Invitation"
SET "staffDetails" = ("staffDetails" - 'licenseStates') || jsonb_build_object(
  'licences',
  COALESCE(
    (SELECT jsonb_agg(DISTINCT jsonb_build_object(
        'state', upper(trim(st)),
        'expiresAt', to_char(make_date(EXTRACT(YEAR FROM CURRENT_DATE)::int, 12, 31), 'YYYY-MM-DD')))
     FROM jsonb_array_elements_text("staffDetails" -> 'licenseStates') AS st
     WHERE upper(trim(st)) ~ '^[A-Z]{2}$'),
    '[]'::jsonb))
WHERE "kind" = 'STAFF' AND "acceptedAt" IS NULL
  AND jsonb_typeof("staffDetails") = 'object'
  AND jsonb_typeof("staffDetails" -> 'licenseStates') = 'array';

-- The licences now live in "StaffLicence" only.
ALTER TABLE "StaffProfile" DROP COLUMN "licenseStates";
