-- Reminder e-mails: when each went out, so that every app instance sends it once.
ALTER TABLE "Session" ADD COLUMN "reminderSentAt" TIMESTAMPTZ(3);
ALTER TABLE "Session" ADD COLUMN "prepReminderSentAt" TIMESTAMPTZ(3);
CREATE INDEX "Session_reminders_idx" ON "Session" ("startsAt") WHERE "reminderSentAt" IS NULL AND "deletedAt" IS NULL;
