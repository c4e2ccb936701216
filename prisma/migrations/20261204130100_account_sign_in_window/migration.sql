-- The account-wide sign-in limit (docs/security.md S7) counts failures in an hour's
-- window from the first one; the per-address and two-step rows leave it empty.
ALTER TABLE "SignInThrottle" ADD COLUMN "firstFailureAt" TIMESTAMPTZ(3);
