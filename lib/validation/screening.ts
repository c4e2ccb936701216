import { z } from "zod";
import { idSchema, optionalText, storableString, versionSchema } from "@/lib/domain/core/fields";
import { findIcd10 } from "@/lib/domain/screening/icd10";

export const SCREENING_DECISIONS = ["ELIGIBLE", "NOT_ELIGIBLE", "NEEDS_INFORMATION"] as const;
export const DECISION_LABEL: Record<(typeof SCREENING_DECISIONS)[number], string> = {
  ELIGIBLE: "Eligible",
  NOT_ELIGIBLE: "Not eligible",
  NEEDS_INFORMATION: "Needs more information or clearance",
};

/**
 * The prescriber's signed decision. What is required depends on the decision:
 * a diagnosis for "eligible", a question for "needs information". Whether an
 * override reason is needed (eligible despite an absolute flag) is checked on
 * the server against the flags it computes, and shown by the form.
 */
export const decideScreeningSchema = z
  .object({
    screeningId: idSchema,
    version: versionSchema,
    decision: z.enum(SCREENING_DECISIONS, { message: "Choose a decision." }),
    rationale: storableString().trim().min(10, "Give your rationale (at least a sentence).").max(4000),
    conditions: optionalText(1000),
    diagnosisCode: storableString().trim().max(10).optional(),
    overrideReason: optionalText(2000),
    question: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "ELIGIBLE") {
      if (!v.diagnosisCode) {
        ctx.addIssue({ code: "custom", path: ["diagnosisCode"], message: "Choose the working diagnosis." });
      } else if (!findIcd10(v.diagnosisCode)) {
        ctx.addIssue({
          code: "custom",
          path: ["diagnosisCode"],
          message: "Choose a diagnosis from the list.",
        });
      }
    }
    if (v.decision === "NEEDS_INFORMATION" && (v.question?.length ?? 0) < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["question"],
        message: "Say what you need: the question or clearance (e.g. an EKG).",
      });
    }
    if (v.overrideReason !== undefined && v.overrideReason.length < 10) {
      ctx.addIssue({
        code: "custom",
        path: ["overrideReason"],
        message: "Explain the override (at least a sentence).",
      });
    }
  });
export type DecideScreeningInput = z.input<typeof decideScreeningSchema>;

export const answerInformationRequestSchema = z.object({
  requestId: idSchema,
  answer: storableString()
    .trim()
    .min(2, "Write your answer.")
    .max(4000, "Keep your answer under 4000 characters."),
});
export type AnswerInformationRequestInput = z.input<typeof answerInformationRequestSchema>;

export const revisitScreeningSchema = z.object({
  screeningId: idSchema,
  reason: storableString().trim().min(10, "Say what new information prompts the review.").max(2000),
});
export type RevisitScreeningInput = z.input<typeof revisitScreeningSchema>;

export const QUEUE_FILTERS = ["all", "absolute", "rereview"] as const;
export const queueQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  filter: z.enum(QUEUE_FILTERS).catch("all"),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  q: storableString().trim().max(100).optional().catch(undefined),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;
