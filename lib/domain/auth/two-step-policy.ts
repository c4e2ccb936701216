/**
 * When a practice requires two-step sign-in (docs/security.md S5): a staff member without it may
 * reach only its set-up page (and sign out) until it is on. Clients are not asked.
 */
export const TWO_STEP_SETUP_PATH = "/two-step-setup";

export const TWO_STEP_SETUP_FIRST =
  "Set up two-step sign-in first: your practice requires it before anything else can be opened.";

export function twoStepSetupDue(user: { staff: boolean; practiceRequires: boolean; mfaOn: boolean }) {
  return user.staff && user.practiceRequires && !user.mfaOn;
}
