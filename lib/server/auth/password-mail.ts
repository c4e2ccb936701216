import "server-only";
import { RESET_TTL_MS } from "@/lib/domain/auth/reset-link";
import { appLink, type Mail } from "@/lib/server/mail/send-mail";

type Recipient = { email: string; name: string; practiceId: string };

/**
 * The reset e-mail: the link and nothing about care (mail is not a private
 * channel). In the development outbox only the practice's admins see it, as
 * a reset link opens the account.
 */
export function passwordResetMail(to: Recipient, token: string): Mail {
  const minutes = RESET_TTL_MS / 60_000;
  return {
    to: to.email,
    practiceId: to.practiceId,
    adminOnly: true,
    subject: "Reset your Kapstone password",
    text: `Hello ${to.name},\n\nSomeone asked to reset the password of your Kapstone account. Choose a new password here (the link works once and expires in ${minutes} minutes):\n${appLink(`/reset-password/${token}`)}\n\nIf you did not ask for this, you can ignore this message: your password stays as it is.`,
  };
}

/** The notice after a password was changed or reset, so that a change nobody asked for is noticed. */
export function passwordChangedMail(to: Recipient, how: "changed" | "reset"): Mail {
  return {
    to: to.email,
    practiceId: to.practiceId,
    subject: "Your Kapstone password was changed",
    text: `Hello ${to.name},\n\nThe password of your Kapstone account was just ${how === "reset" ? "reset with an e-mailed link" : "changed"}, and every other device was signed out.\n\nIf this was not you, ask for a new password at ${appLink("/reset-password")} and tell your clinic.`,
  };
}
