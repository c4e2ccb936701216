import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { addLocalDays } from "@/lib/domain/core/zoned-time";
import type { SessionKind, SessionStatus } from "@/lib/domain/scheduling/protocol";

/**
 * The dosing gate: may this DOSING session be confirmed or started? The one rule the server
 * enforces and the UI shows (docs/architecture.md rule 7), from docs/clinical-rules.md §1 and §4.
 *
 * Per participant (a couple has two; each is checked on their own):
 * - eligible: a signed prescriber screening with decision ELIGIBLE that is not superseded;
 * - signed the current version of the KAP informed consent;
 * - completed at least one preparation session;
 * - no open suicide-risk safety flag (it holds dosing until a clinician records a review).
 * Per series, judged at the candidate's `startsAt` (never the wall clock, so a dose planned for
 * next month is checked against what will have happened before it):
 * - at most `maxDosesPer7Days` doses in any 7-day window that includes the candidate;
 * - an integration session COMPLETED after the previous dose and before this one;
 * - the prescriber follow-up COMPLETED after dose `followUpAfterDose` before any later dose.
 *
 * The server computes each participant's booleans from the records (screenings, consent
 * signatures, attendance, safety flags); this module only decides and explains.
 */

export const GATE_CODES = {
  NO_PARTICIPANTS: "NO_PARTICIPANTS",
  NOT_ELIGIBLE: "NOT_ELIGIBLE",
  CONSENT_NOT_CURRENT: "CONSENT_NOT_CURRENT",
  NO_PREPARATION: "NO_PREPARATION",
  OPEN_SAFETY_FLAG: "OPEN_SAFETY_FLAG",
  DOSE_LIMIT_7_DAYS: "DOSE_LIMIT_7_DAYS",
  INTEGRATION_MISSING: "INTEGRATION_MISSING",
  FOLLOW_UP_MISSING: "FOLLOW_UP_MISSING",
} as const;
export type GateCode = keyof typeof GATE_CODES;

/** Where the participant's latest screening stands; only changes the wording of NOT_ELIGIBLE. */
export type ScreeningState = "NONE" | "AWAITING_REVIEW" | "NEEDS_INFORMATION" | "NOT_ELIGIBLE";

export interface GateParticipant {
  clientId: string;
  /** The name staff and partners know them by (preferred name). */
  name: string;
  eligible: boolean;
  /** Optional detail when not eligible; absent reads as "no signed screening". */
  screening?: ScreeningState;
  consentCurrent: boolean;
  preparationCompleted: boolean;
  openSafetyFlag: boolean;
}

export interface GateSession {
  id: string;
  kind: SessionKind;
  sequence: number | null;
  startsAt: Date;
  status: SessionStatus;
}

export interface DosingGateInput {
  candidate: { id: string; sequence: number | null; startsAt: Date };
  participants: GateParticipant[];
  /** The series' other sessions (the candidate, if present, is ignored). */
  sessions: GateSession[];
  settings: { maxDosesPer7Days: number };
  /** From the series' protocol plan; null turns the follow-up rule off. */
  followUpAfterDose: number | null;
  /** The practice's time zone: the 7-day window is 7 local days, and dates in messages are local. */
  timeZone: string;
}

export interface GateBlock {
  code: GateCode;
  /** Set when the block is about one participant. */
  clientId?: string;
  /** Why, in plain words. */
  reason: string;
  /** What would lift the block, and who does it. */
  unblock: string;
}

export interface GateResult {
  allowed: boolean;
  blocks: GateBlock[];
}

/** Doses that happened, are happening, or are confirmed to happen; scheduled-only ones are not yet. */
const COUNTED_DOSE_STATUSES: ReadonlySet<SessionStatus> = new Set(["COMPLETED", "IN_PROGRESS", "CONFIRMED"]);

const NOT_ELIGIBLE_REASON: Record<ScreeningState, (name: string) => [reason: string, unblock: string]> = {
  NONE: (n) => [
    `${n} is not yet eligible: no signed prescriber screening.`,
    `A prescriber signs an eligible screening for ${n}.`,
  ],
  AWAITING_REVIEW: (n) => [
    `${n} is not yet eligible: the screening is awaiting the prescriber's review.`,
    `A prescriber reviews and signs an eligible screening for ${n}.`,
  ],
  NEEDS_INFORMATION: (n) => [
    `${n} is not yet eligible: the prescriber needs more information.`,
    `${n} answers the prescriber's question, then a prescriber signs an eligible screening.`,
  ],
  NOT_ELIGIBLE: (n) => [
    `${n} is not eligible: the prescriber's screening decided not eligible.`,
    `A prescriber signs a new screening for ${n} with the decision eligible.`,
  ],
};

function participantBlocks(p: GateParticipant): GateBlock[] {
  const blocks: GateBlock[] = [];
  const n = p.name;
  if (!p.eligible) {
    const [reason, unblock] = NOT_ELIGIBLE_REASON[p.screening ?? "NONE"](n);
    blocks.push({ code: "NOT_ELIGIBLE", clientId: p.clientId, reason, unblock });
  }
  if (!p.consentCurrent) {
    blocks.push({
      code: "CONSENT_NOT_CURRENT",
      clientId: p.clientId,
      reason: `${n} has not signed the current version of the KAP informed consent.`,
      unblock: `${n} reads and signs the current KAP informed consent.`,
    });
  }
  if (!p.preparationCompleted) {
    blocks.push({
      code: "NO_PREPARATION",
      clientId: p.clientId,
      reason: `${n} has not completed a preparation session.`,
      unblock: `${n} completes at least one preparation session with the therapist.`,
    });
  }
  if (p.openSafetyFlag) {
    blocks.push({
      code: "OPEN_SAFETY_FLAG",
      clientId: p.clientId,
      reason: `${n} has an open suicide-risk safety flag; dosing is held until a clinician reviews it.`,
      unblock: `The therapist or prescriber reviews ${n}'s safety flag and records the review.`,
    });
  }
  return blocks;
}

const byStart = (a: { startsAt: Date }, b: { startsAt: Date }) => a.startsAt.getTime() - b.startsAt.getTime();

export function evaluateDosingGate(input: DosingGateInput): GateResult {
  const { candidate, settings, timeZone } = input;
  const day = (d: Date) => format(d, "EEE d MMM", { in: tz(timeZone) });
  const doseName = (s: { sequence: number | null }) =>
    s.sequence === null ? "a dose" : `dose ${s.sequence}`;
  const blocks: GateBlock[] = [];

  if (input.participants.length === 0) {
    // Without anyone to check, "no block" would mean "allowed": refuse instead.
    blocks.push({
      code: "NO_PARTICIPANTS",
      reason: "This series has no participants to check.",
      unblock: "Add the client (or both partners) to the series.",
    });
  }
  for (const participant of input.participants) blocks.push(...participantBlocks(participant));

  const others = input.sessions.filter((s) => s.id !== candidate.id);
  const doses = others
    .filter((s) => s.kind === "DOSING" && COUNTED_DOSE_STATUSES.has(s.status))
    .sort(byStart);

  // Window: [t, t + 7 local days) for any t, i.e. two doses share a window when the later starts
  // before the earlier's start plus 7 local days. Exactly 7 days apart (same wall time a week
  // later) is outside; 6 days 23 hours is inside. Local days keep a weekly 09:00 rhythm legal
  // across DST, when that week is 167 or 169 real hours long.
  const limit = settings.maxDosesPer7Days;
  const timeline = [...doses, { ...candidate, kind: "DOSING" as const }].sort(byStart);
  const at = timeline.findIndex((s) => s.id === candidate.id);
  for (let first = Math.max(0, at - limit); first <= at; first++) {
    const run = timeline.slice(first, first + limit + 1);
    const start = run[0];
    const end = run[run.length - 1];
    if (!start || !end || run.length <= limit) continue;
    if (end.startsAt < addLocalDays(start.startsAt, 7, timeZone)) {
      const listed = run
        .filter((s) => s.id !== candidate.id)
        .map((s) => `${doseName(s)} (${day(s.startsAt)})`);
      blocks.push({
        code: "DOSE_LIMIT_7_DAYS",
        reason:
          `This would be more than ${limit} doses within 7 days (the clinic's limit), ` +
          `with ${listed.join(", ")}.`,
        unblock: `Move this dose so no 7 days hold more than ${limit}, or cancel one of the others.`,
      });
      break;
    }
  }

  const previous = doses.filter((s) => s.startsAt < candidate.startsAt).at(-1);
  if (previous) {
    const integrated = others.some(
      (s) =>
        s.kind === "INTEGRATION" &&
        s.status === "COMPLETED" &&
        s.startsAt > previous.startsAt &&
        s.startsAt < candidate.startsAt,
    );
    if (!integrated) {
      blocks.push({
        code: "INTEGRATION_MISSING",
        reason: `No integration session has been completed since ${doseName(previous)} (${day(previous.startsAt)}).`,
        unblock: `Complete an integration session after ${doseName(previous)}, before this dose.`,
      });
    }
  }

  const followUpDose = input.followUpAfterDose;
  const earlier = doses.filter((s) => s.startsAt < candidate.startsAt);
  // The candidate's number: its own, or its place among the doses before it.
  const candidateNumber = candidate.sequence ?? earlier.length + 1;
  if (followUpDose !== null && candidateNumber > followUpDose) {
    // Dose N by number, else the Nth dose in time; if neither exists any earlier follow-up counts.
    const anchor = earlier.find((s) => s.sequence === followUpDose) ?? earlier[followUpDose - 1];
    const followedUp = others.some(
      (s) =>
        s.kind === "FOLLOW_UP" &&
        s.status === "COMPLETED" &&
        (!anchor || s.startsAt > anchor.startsAt) &&
        s.startsAt < candidate.startsAt,
    );
    if (!followedUp) {
      blocks.push({
        code: "FOLLOW_UP_MISSING",
        reason: `The prescriber follow-up after dose ${followUpDose} has not been completed.`,
        unblock: `The prescriber completes the follow-up after dose ${followUpDose}, before this dose.`,
      });
    }
  }

  return { allowed: blocks.length === 0, blocks };
}
