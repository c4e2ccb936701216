-- Two-step sign-in (SECURITY.md S5): the last TOTP step accepted for a user, so that
-- a code cannot be used twice. The secret itself (User.mfaSecret) is stored sealed.
ALTER TABLE "User" ADD COLUMN "mfaLastStep" INTEGER;
