-- A calendar feed link expires a year after it was made (lib/server/scheduling/calendar-feed.ts).
ALTER TABLE "CalendarFeed" ADD COLUMN "expiresAt" TIMESTAMPTZ(3);
UPDATE "CalendarFeed" SET "expiresAt" = "createdAt" + interval '1 year';
ALTER TABLE "CalendarFeed" ALTER COLUMN "expiresAt" SET NOT NULL;
