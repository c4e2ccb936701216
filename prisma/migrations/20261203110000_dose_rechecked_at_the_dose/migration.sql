-- Re-checked at the moment of the dose (docs/clinical-rules.md §3, §3a, §4).

-- The time frame a questionnaire asked about: the C-SSRS "since last visit" screener before each dose.
CREATE TYPE "MeasureVariant" AS ENUM ('STANDARD', 'SINCE_LAST_VISIT');
ALTER TABLE "MeasureResponse" ADD COLUMN "variant" "MeasureVariant" NOT NULL DEFAULT 'STANDARD';
ALTER TABLE "MeasureRequest" ADD COLUMN "variant" "MeasureVariant" NOT NULL DEFAULT 'STANDARD';
-- The clinician who administered a questionnaire on the dosing day; null when the client answered.
ALTER TABLE "MeasureResponse" ADD COLUMN "administeredById" TEXT;

-- The clinician who raised a safety flag; null for a flag raised by a measure answer.
ALTER TABLE "SafetyFlag" ADD COLUMN "raisedById" TEXT;

-- When the go / no-go checklist (and its blood-pressure reading) was submitted, and the failed items a
-- prescriber's override was given for. Checklists submitted before this migration have no time: the dose
-- then asks for a new reading, and an override from before covers no item.
ALTER TABLE "DosingRecord" ADD COLUMN "checklistAt" TIMESTAMPTZ(3);
ALTER TABLE "DosingRecord" ADD COLUMN "overrideItems" TEXT[] DEFAULT ARRAY[]::TEXT[];
