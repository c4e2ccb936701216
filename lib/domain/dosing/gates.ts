import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import { addLocalDays } from "@/lib/domain/core/zoned-time";
import type { SessionKind, SessionStatus } from "@/lib/domain/scheduling/protocol";

/**
 * The dosing gate: may this DOSING session be confirmed or started? The one rule the server
 * enforces and the UI shows (docs/architecture.md rule 7), from docs/clinical-rules.md §1, §3a and §4.
 *
 * Per participant (a couple has two; each is checked on their own):
 * - eligible: a signed prescriber screening with decision ELIGIBLE that is not superseded and is
 *   still current (not past the practice's re-review interval, no intake since with other flags:
 *   lib/domain/screening/eligibility-status.ts);
 * - signed the current version of the KAP informed consent;
 * - attended at least one preparation session of the series (`preparedFor`);
 * - no open suicide-risk safety flag (it holds dosing until a clinician records a review).
 * Series rules, per participant over every series they are in (individual and couple), judged at
 * the candidate's `startsAt` (never the wall clock, so a dose planned for next month is checked
 * against what will have happened before it):
 * - at most `maxDosesPer7Days` doses in any 7-day window that includes the candidate;
 * - an integration session the participant attended, starting at least `integrationMinDays`
 *   after the previous dose ended and before this one (past `integrationMaxDays` it still counts,
 *   with a warning);
 * - the prescriber follow-up completed after the participant's dose `followUpAfterDose`.
 * What counts as a dose (`countedDoses`): every dose recorded as given (DosingRecord.doseGivenAt),
 * at the time it was given, whatever became of its session; and, conservatively, a confirmed or
 * in-progress dosing session whose dose is not given yet, at its planned start.
 *
 * The server computes the facts from the records (screenings, consent signatures, doses given,
 * attendance, safety flags); this module only decides and explains.
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
export type ScreeningState = "NONE" | "AWAITING_REVIEW" | "NEEDS_INFORMATION" | "NOT_ELIGIBLE" | "EXPIRED";

export interface GateParticipant {
  clientId: string;
  /** The name staff and partners know them by (preferred name). */
  name: string;
  eligible: boolean;
  /** Optional detail when not eligible; absent reads as "no signed screening". */
  screening?: ScreeningState;
  /**
   * EXPIRED: why the eligible decision no longer holds, in plain words ("eligibility expired on
   * 3 Dec 2026: a prescriber reviews again", "the intake changed after the decision").
   */
  expiry?: string;
  consentCurrent: boolean;
  /** The participant withdrew their KAP informed consent (only changes the wording). */
  consentWithdrawn?: boolean;
  /** Attended a preparation session of the candidate's series (see `preparedFor`). */
  preparationCompleted: boolean;
  openSafetyFlag: boolean;
  /**
   * Every session of every series this participant is in (the candidate's own series and any
   * other, individual or couple), with this participant's own facts: the series rules count
   * their doses and the sessions they attended.
   */
  sessions: GateSession[];
}

/** One session as the gate sees it for one participant. */
export interface GateSession {
  id: string;
  /** The series it belongs to; a dose of another series than the candidate's is named so. */
  seriesId?: string;
  /** The kind of that series: in a couple, preparation and integration count only if attended. */
  seriesKind?: "INDIVIDUAL" | "COUPLE";
  kind: SessionKind;
  sequence: number | null;
  startsAt: Date;
  endsAt: Date;
  status: SessionStatus;
  /** DOSING: when this participant's dose was recorded as given (null: not given). */
  doseGivenAt?: Date | null;
  /**
   * DOSING: this participant has a dosing record for the session. False (or absent) for a session
   * completed without any record (marked completed, or from before dosing records): it counts.
   */
  recorded?: boolean;
  /** A couple's preparation or integration: this participant's recorded attendance (null: not recorded). */
  attended?: boolean | null;
}

export interface GateSettings {
  maxDosesPer7Days: number;
  /** An integration counts only from this many local days after the dose ended. */
  integrationMinDays: number;
  /** An integration starting later than this many local days after the dose still counts, with a warning. */
  integrationMaxDays: number;
}

export interface DosingGateInput {
  candidate: { id: string; seriesId?: string; sequence: number | null; startsAt: Date };
  participants: GateParticipant[];
  settings: GateSettings;
  /** From the series' protocol plan; null turns the follow-up rule off. */
  followUpAfterDose: number | null;
  /** The practice's time zone: days are local days, and dates in messages are local. */
  timeZone: string;
}

export interface GateBlock {
  code: GateCode;
  /** Set when the block is about one participant (absent when it holds for every participant alike). */
  clientId?: string;
  /** Why, in plain words. */
  reason: string;
  /** What would lift the block, and who does it. */
  unblock: string;
}

export const GATE_WARNING_CODES = { INTEGRATION_LATE: "INTEGRATION_LATE" } as const;
export type GateWarningCode = keyof typeof GATE_WARNING_CODES;

/** Something the gate allows but a clinician should know (it never blocks). */
export interface GateWarning {
  code: GateWarningCode;
  clientId?: string;
  message: string;
}

export interface GateResult {
  allowed: boolean;
  blocks: GateBlock[];
  warnings: GateWarning[];
}

/**
 * Sessions whose dose is not given yet but may be: they count at their planned start. A
 * scheduled-only session does not count yet; a cancelled or no-show session without a recorded
 * dose never will, nor a completed one whose dosing record says no dose was given.
 */
const PLANNED_DOSE_STATUSES: ReadonlySet<SessionStatus> = new Set(["CONFIRMED", "IN_PROGRESS"]);
/** Finished sessions that count as a dose when no dosing record of the client says none was given. */
const COMPLETED_UNRECORDED: ReadonlySet<SessionStatus> = new Set(["COMPLETED", "ENDED_EARLY"]);

/** A dose as the series rules count it. */
export interface CountedDose {
  id: string;
  seriesId?: string;
  sequence: number | null;
  /** When it was given, or its planned start while it is not given yet. */
  at: Date;
  /** When it ended: the session's end, or the time given if that was later. */
  end: Date;
  given: boolean;
}

const later = (a: Date, b: Date) => (a > b ? a : b);
const byAt = (a: { at: Date }, b: { at: Date }) => a.at.getTime() - b.at.getTime();

/**
 * A participant's doses, in time order (docs/clinical-rules.md §1): every dose recorded as given,
 * at its real time and whatever its session's status; every confirmed or in-progress dosing
 * session without a recorded dose, at its planned start; and every completed dosing session with
 * no dosing record of the participant at all, at its planned start. `exceptId` leaves the candidate out.
 */
export function countedDoses(sessions: readonly GateSession[], exceptId?: string): CountedDose[] {
  const seen = new Set<string>();
  const doses: CountedDose[] = [];
  for (const s of sessions) {
    if (s.kind !== "DOSING" || s.id === exceptId || seen.has(s.id)) continue;
    seen.add(s.id);
    const base = { id: s.id, seriesId: s.seriesId, sequence: s.sequence };
    if (s.doseGivenAt) {
      doses.push({ ...base, at: s.doseGivenAt, end: later(s.endsAt, s.doseGivenAt), given: true });
    } else if (PLANNED_DOSE_STATUSES.has(s.status)) {
      doses.push({ ...base, at: s.startsAt, end: s.endsAt, given: false });
    } else if (COMPLETED_UNRECORDED.has(s.status) && !s.recorded) {
      // Completed with no dosing record of this client to say otherwise: counted, conservatively,
      // as a dose given at its planned start.
      doses.push({ ...base, at: s.startsAt, end: s.endsAt, given: true });
    }
  }
  return doses.sort(byAt);
}

/**
 * Did this participant attend the session? It must be completed; a couple's preparation or
 * integration counts for a partner only when the clinician recorded that partner as attending.
 * In an individual series a completed session is attended (docs/clinical-rules.md §1 "Couples").
 */
export function attendedSession(
  s: Pick<GateSession, "kind" | "status" | "seriesKind" | "attended">,
): boolean {
  if (s.status !== "COMPLETED") return false;
  if (s.seriesKind === "COUPLE" && (s.kind === "PREPARATION" || s.kind === "INTEGRATION")) {
    return s.attended === true;
  }
  return true;
}

/** Attended a preparation session of the series `seriesId`. */
export function preparedFor(sessions: readonly GateSession[], seriesId: string): boolean {
  return sessions.some((s) => s.seriesId === seriesId && s.kind === "PREPARATION" && attendedSession(s));
}

const NOT_ELIGIBLE_REASON: Record<
  ScreeningState,
  (name: string, expiry?: string) => [reason: string, unblock: string]
> = {
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
  EXPIRED: (n, expiry) => [
    `${n} is not eligible now: ${expiry ?? "eligibility is no longer current: a prescriber reviews again"}.`,
    `A prescriber reviews ${n} again and signs a new eligible screening.`,
  ],
};

function participantBlocks(p: GateParticipant): GateBlock[] {
  const blocks: GateBlock[] = [];
  const n = p.name;
  if (!p.eligible) {
    const [reason, unblock] = NOT_ELIGIBLE_REASON[p.screening ?? "NONE"](n, p.expiry);
    blocks.push({ code: "NOT_ELIGIBLE", clientId: p.clientId, reason, unblock });
  }
  if (!p.consentCurrent) {
    blocks.push({
      code: "CONSENT_NOT_CURRENT",
      clientId: p.clientId,
      reason: p.consentWithdrawn
        ? `${n} withdrew the KAP informed consent; no dose until they sign it again.`
        : `${n} has not signed the current version of the KAP informed consent.`,
      unblock: `${n} reads and signs the current KAP informed consent.`,
    });
  }
  if (!p.preparationCompleted) {
    blocks.push({
      code: "NO_PREPARATION",
      clientId: p.clientId,
      reason: `${n} has not completed a preparation session.`,
      unblock: `${n} completes at least one preparation session with the therapist (in a couple, recorded as attending it).`,
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

const days = (n: number) => (n === 1 ? "1 day" : `${n} days`);
const windowText = (min: number, max: number) => (min === max ? days(max) : `${min} to ${days(max)}`);

type SeriesFinding =
  | { kind: "block"; code: GateCode; reason: string; unblock: string }
  | { kind: "warning"; code: GateWarningCode; message: string };

/** The series rules for one participant: the 7-day limit, integration, follow-up. */
function seriesFindings(
  p: GateParticipant,
  input: DosingGateInput,
  day: (d: Date) => string,
): SeriesFinding[] {
  const { candidate, settings, timeZone } = input;
  const findings: SeriesFinding[] = [];
  const doseName = (d: CountedDose) => {
    const n = d.sequence === null ? "a dose" : `dose ${d.sequence}`;
    return d.seriesId && candidate.seriesId && d.seriesId !== candidate.seriesId
      ? `${n} of another series`
      : n;
  };
  const doses = countedDoses(p.sessions, candidate.id);

  // Window: [t, t + 7 local days) for any t, i.e. two doses share a window when the later was
  // given (or is planned) before the earlier's time plus 7 local days. Exactly 7 days apart (same
  // wall time a week later) is outside; 6 days 23 hours is inside. Local days keep a weekly 09:00
  // rhythm legal across DST, when that week is 167 or 169 real hours long.
  const limit = settings.maxDosesPer7Days;
  const timeline = [...doses, { id: candidate.id, at: candidate.startsAt }].sort(byAt);
  const at = timeline.findIndex((d) => d.id === candidate.id);
  for (let first = Math.max(0, at - limit); first <= at; first++) {
    const run = timeline.slice(first, first + limit + 1);
    const start = run[0];
    const end = run[run.length - 1];
    if (!start || !end || run.length <= limit) continue;
    if (end.at < addLocalDays(start.at, 7, timeZone)) {
      const listed = doses.filter((d) => run.includes(d)).map((d) => `${doseName(d)} (${day(d.at)})`);
      findings.push({
        kind: "block",
        code: "DOSE_LIMIT_7_DAYS",
        reason:
          `This would be more than ${limit} doses within 7 days (the clinic's limit), ` +
          `with ${listed.join(", ")}.`,
        unblock: `Move this dose so no 7 days hold more than ${limit}, or cancel one of the others.`,
      });
      break;
    }
  }

  const earlier = doses.filter((d) => d.at < candidate.startsAt);
  const previous = earlier.at(-1);
  if (previous) {
    // Counted from the end of the dosing session, or from the dose if it was given later still.
    const minDays = settings.integrationMinDays;
    const maxDays = Math.max(minDays, settings.integrationMaxDays);
    const from = addLocalDays(previous.end, minDays, timeZone);
    const until = addLocalDays(previous.end, maxDays, timeZone);
    const attended = p.sessions
      .filter(
        (s) =>
          s.kind === "INTEGRATION" &&
          attendedSession(s) &&
          s.startsAt > previous.at &&
          s.startsAt < candidate.startsAt,
      )
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const counting = attended.filter((s) => s.startsAt >= from);
    if (counting.length === 0) {
      const tooSoon = attended[0];
      findings.push({
        kind: "block",
        code: "INTEGRATION_MISSING",
        reason: tooSoon
          ? `The integration session on ${day(tooSoon.startsAt)} started less than ${days(minDays)} after ` +
            `${doseName(previous)} ended, so it does not count (the clinic's minimum is ${days(minDays)}).`
          : `No integration session has been completed since ${doseName(previous)} (${day(previous.at)}).`,
        unblock: `Complete an integration session at least ${days(minDays)} after ${doseName(previous)} ended, before this dose.`,
      });
    } else if (counting.every((s) => s.startsAt > until)) {
      findings.push({
        kind: "warning",
        code: "INTEGRATION_LATE",
        message:
          `The integration after ${doseName(previous)} (${day(previous.at)}) started more than ` +
          `${days(maxDays)} after the dose (the clinic's window is ${windowText(minDays, maxDays)}).`,
      });
    }
  }

  // The candidate's number counts the doses before it, in any series: the follow-up after dose N
  // is due before the participant's (N + 1)th dose, whatever the sessions are numbered.
  const followUpDose = input.followUpAfterDose;
  const anchor = followUpDose === null ? undefined : earlier[followUpDose - 1];
  if (followUpDose !== null && anchor) {
    const followedUp = p.sessions.some(
      (s) =>
        s.kind === "FOLLOW_UP" &&
        attendedSession(s) &&
        s.startsAt > anchor.at &&
        s.startsAt < candidate.startsAt,
    );
    if (!followedUp) {
      findings.push({
        kind: "block",
        code: "FOLLOW_UP_MISSING",
        reason: `The prescriber follow-up after dose ${followUpDose} has not been completed.`,
        unblock: `The prescriber completes the follow-up after dose ${followUpDose}, before this dose.`,
      });
    }
  }
  return findings;
}

export function evaluateDosingGate(input: DosingGateInput): GateResult {
  const day = (d: Date) => format(d, "EEE d MMM", { in: tz(input.timeZone) });
  const blocks: GateBlock[] = [];
  const warnings: GateWarning[] = [];

  if (input.participants.length === 0) {
    // Without anyone to check, "no block" would mean "allowed": refuse instead.
    blocks.push({
      code: "NO_PARTICIPANTS",
      reason: "This series has no participants to check.",
      unblock: "Add the client (or both partners) to the series.",
    });
  }
  for (const participant of input.participants) blocks.push(...participantBlocks(participant));

  // Each participant's own doses and sessions; a finding every participant shares word for word
  // (an individual series, or partners with the same history) is said once, for the series.
  const perParticipant = input.participants.map((p) => ({ p, findings: seriesFindings(p, input, day) }));
  const said = new Set<string>();
  const keyOf = (f: SeriesFinding) => JSON.stringify(f);
  for (const { p, findings } of perParticipant) {
    for (const f of findings) {
      const key = keyOf(f);
      const shared = perParticipant.every((o) => o.findings.some((g) => keyOf(g) === key));
      if (shared && said.has(key)) continue;
      said.add(key);
      const who = shared ? undefined : p;
      const named = (text: string) => (who ? `${who.name}: ${text}` : text);
      if (f.kind === "block") {
        blocks.push({
          code: f.code,
          ...(who ? { clientId: who.clientId } : {}),
          reason: named(f.reason),
          unblock: f.unblock,
        });
      } else {
        warnings.push({
          code: f.code,
          ...(who ? { clientId: who.clientId } : {}),
          message: named(f.message),
        });
      }
    }
  }

  return { allowed: blocks.length === 0, blocks, warnings };
}
