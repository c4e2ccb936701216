-- Denials of callers who are not signed in, counted per address and minute, so that anonymous
-- traffic writes a bounded number of audit rows (lib/server/auth/denials.ts).
CREATE TABLE "DenialThrottle" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "carried" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DenialThrottle_pkey" PRIMARY KEY ("key")
);
