import { z } from "zod";
import {
  idSchema,
  instantSchema,
  optionalText,
  storableString,
  versionSchema,
} from "@/lib/domain/core/fields";
import { isLocalDate, isLocalTime } from "@/lib/domain/core/zoned-time";
import { END_EARLY_MIN_REASON_LENGTH } from "@/lib/domain/scheduling/session-closing";

export const CADENCES = ["weekly", "biweekly"] as const;
export const SESSION_KIND_VALUES = ["PREPARATION", "DOSING", "INTEGRATION", "FOLLOW_UP", "CLOSING"] as const;

const localDate = z.string().refine(isLocalDate, "Enter a date.");
const localTime = z.string().refine(isLocalTime, "Enter a time (HH:MM).");

/** What the therapist chooses before Kapstone lays out the plan. */
export const planSeriesSchema = z
  .object({
    clientId: z.string().min(1, "Choose the client.").pipe(idSchema),
    /** The second partner of a couples series; blank for an individual series. */
    partnerId: z
      .union([z.literal(""), idSchema])
      .transform((v) => v || undefined)
      .optional(),
    protocolTemplateId: idSchema,
    prescriberId: z.string().min(1, "Choose the prescriber.").pipe(idSchema),
    startDate: localDate,
    cadence: z.enum(CADENCES),
    weekday: z.coerce.number().int().min(0).max(6),
    time: localTime,
    location: optionalText(200),
    telehealthUrl: storableString()
      .trim()
      .max(500)
      .refine((v) => v === "" || /^https:\/\/\S+$/.test(v), "Use an https:// link.")
      .transform((v) => v || undefined)
      .optional(),
    intention: optionalText(2000),
  })
  .refine((v) => v.location || v.telehealthUrl, {
    path: ["location"],
    message: "Give a location or a telehealth link.",
  })
  .refine((v) => v.partnerId !== v.clientId, {
    path: ["partnerId"],
    message: "Choose a different person as the partner.",
  });
export type PlanSeriesFormInput = z.input<typeof planSeriesSchema>;

/** Everyone in the series: the client, and the partner for a couple. */
export const participantsOf = (plan: { clientId: string; partnerId?: string }) =>
  plan.partnerId ? [plan.clientId, plan.partnerId] : [plan.clientId];

/** One session of the plan as the therapist finally adjusted it. */
export const plannedSessionSchema = z
  .object({
    kind: z.enum(SESSION_KIND_VALUES),
    sequence: z.number().int().min(1).max(50).nullable(),
    startsAt: instantSchema(),
    endsAt: instantSchema(),
  })
  .refine((s) => s.endsAt > s.startsAt, { path: ["endsAt"], message: "A session must end after it starts." });

export const createSeriesSchema = z.object({
  plan: planSeriesSchema,
  sessions: z.array(plannedSessionSchema).min(1).max(60),
});
export type CreateSeriesInput = z.input<typeof createSeriesSchema>;

export const rescheduleSessionSchema = z.object({
  sessionId: idSchema,
  version: versionSchema,
  date: localDate,
  time: localTime,
  durationMinutes: z.coerce.number().int().min(15, "At least 15 minutes.").max(480, "At most 8 hours."),
});
export type RescheduleSessionInput = z.input<typeof rescheduleSessionSchema>;

export const SESSION_STATUS_ACTIONS = ["confirm", "start", "complete"] as const;

/**
 * Who attended a couple's preparation or integration session: the ids of the partners the
 * clinician ticked (docs/clinical-rules.md §1 "Couples"). Anyone not ticked did not attend.
 */
const attendedSchema = z.array(idSchema).max(2, "A session has at most two participants.");

export const sessionStatusSchema = z
  .object({
    sessionId: idSchema,
    version: versionSchema,
    action: z.enum(SESSION_STATUS_ACTIONS),
    /** Completing a couple's preparation or integration: who attended (required there, refused elsewhere). */
    attended: attendedSchema.optional(),
  })
  .refine((v) => v.attended === undefined || v.action === "complete", {
    path: ["attended"],
    message: "Attendance is recorded when the session is completed.",
  });
export type SessionStatusInput = z.input<typeof sessionStatusSchema>;

/** Attendance for a couple's completed session that has none recorded yet. */
export const recordAttendanceSchema = z.object({
  sessionId: idSchema,
  version: versionSchema,
  attended: attendedSchema,
});
export type RecordAttendanceInput = z.input<typeof recordAttendanceSchema>;

/** A dosing session in which a dose was given is never cancelled: it is ended early, with a reason. */
export const endSessionEarlySchema = z.object({
  sessionId: idSchema,
  version: versionSchema,
  reason: storableString()
    .trim()
    .min(END_EARLY_MIN_REASON_LENGTH, `Say why, in at least ${END_EARLY_MIN_REASON_LENGTH} characters.`)
    .max(500),
});
export type EndSessionEarlyInput = z.input<typeof endSessionEarlySchema>;

export const cancelSessionSchema = z.object({
  sessionId: idSchema,
  version: versionSchema,
  outcome: z.enum(["CANCELLED", "NO_SHOW"]),
  reason: storableString().trim().min(3, "Give a reason.").max(500),
});
export type CancelSessionInput = z.input<typeof cancelSessionSchema>;

export const shiftSeriesSchema = z.object({
  seriesId: idSchema,
  days: z.coerce
    .number()
    .int("Whole days only.")
    .min(-60)
    .max(60)
    .refine((d) => d !== 0, "Shift by at least one day."),
});
export type ShiftSeriesInput = z.input<typeof shiftSeriesSchema>;

export const calendarRangeSchema = z
  .object({ from: instantSchema(), to: instantSchema() })
  .refine(
    (r) => r.to > r.from && r.to.getTime() - r.from.getTime() <= 62 * 86_400_000,
    "Ask for at most 62 days.",
  );

/** /api/sessions/:sessionId/... */
export const sessionParamsSchema = z.object({ sessionId: idSchema });
