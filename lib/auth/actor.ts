import type { Role } from "./permissions";

/** The signed-in person on whose behalf the data layer acts. */
export type Actor = {
  userId: string;
  role: Role;
  practiceId: string;
  /** IANA zone the practice's appointments are shown in. */
  timeZone: string;
  name: string;
  email: string;
  /** The client record of a CLIENT user (null for staff). */
  clientId: string | null;
  sessionId: string;
  /** The request's client IP, for the audit trail. */
  ip: string | null;
  /**
   * The practice requires two-step sign-in and this staff member has not set it up: until they
   * do, only its set-up answers (lib/domain/auth/two-step-policy.ts). Absent means not due.
   */
  twoStepSetupDue?: boolean;
};
