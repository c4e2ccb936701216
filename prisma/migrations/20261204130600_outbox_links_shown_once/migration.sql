-- The development outbox shows a client's invitation only to the staff member who sent it (and
-- admins), and shows an invitation link once: the link is kept sealed apart from the text and
-- cleared when shown (lib/server/mail/dev-outbox.ts).
ALTER TABLE "OutboxMessage"
  ADD COLUMN "senderId" TEXT,
  ADD COLUMN "sealedLink" TEXT,
  ADD COLUMN "linkShownAt" TIMESTAMPTZ(3),
  ADD COLUMN "linkShownToId" TEXT;

-- Links kept in the clear before this change stop being readable here: those invitations can be resent.
UPDATE "OutboxMessage"
   SET "text" = regexp_replace("text", 'https?://\S+/invite/[A-Za-z0-9_-]+', '[invitation link removed: resend the invitation]', 'g')
 WHERE "text" ~ '/invite/[A-Za-z0-9_-]+';
