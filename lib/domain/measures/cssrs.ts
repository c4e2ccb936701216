import { z } from "zod";
import { CSSRS_Q6_FOLLOW_UP } from "./form-answers";
import type {
  MeasureFlag,
  MeasureItem,
  MeasureScore,
  MeasureVariant,
  ScaleDefinition,
} from "./measure-types";

export const CSSRS_OPTIONS = [
  { value: true, label: "Yes" },
  { value: false, label: "No" },
] as const;

/** Screener (recent) wording. Questions 1-5 cover the past month; question 6 covers a lifetime. */
export const CSSRS_ITEMS = [
  { id: "q1", text: "Have you wished you were dead or wished you could go to sleep and not wake up?" },
  { id: "q2", text: "Have you actually had any thoughts of killing yourself?" },
  { id: "q3", text: "Have you been thinking about how you might do this?" },
  { id: "q4", text: "Have you had these thoughts and had some intention of acting on them?" },
  {
    id: "q5",
    text:
      "Have you started to work out or worked out the details of how to kill yourself? " +
      "Do you intend to carry out this plan?",
  },
  {
    id: "q6",
    text: "Have you ever done anything, started to do anything, or prepared to do anything to end your life?",
  },
] as const;

export { CSSRS_Q6_FOLLOW_UP };

/**
 * The "since last visit" screener asked before each dose: the same six questions, each about the
 * time since the client's last visit. Behaviour since the last visit is recent by definition, so
 * question 6 has no recency follow-up, and a yes to it is high risk.
 */
export const CSSRS_SINCE_LAST_VISIT_ITEMS = [
  {
    id: "q1",
    text: "Since your last visit, have you wished you were dead or wished you could go to sleep and not wake up?",
  },
  { id: "q2", text: "Since your last visit, have you actually had any thoughts of killing yourself?" },
  { id: "q3", text: "Since your last visit, have you been thinking about how you might do this?" },
  {
    id: "q4",
    text: "Since your last visit, have you had these thoughts and had some intention of acting on them?",
  },
  {
    id: "q5",
    text:
      "Since your last visit, have you started to work out or worked out the details of how to kill yourself? " +
      "Do you intend to carry out this plan?",
  },
  {
    id: "q6",
    text: "Since your last visit, have you done anything, started to do anything, or prepared to do anything to end your life?",
  },
] as const;

export type CssrsRisk = "low" | "moderate" | "high";

export const CSSRS_RISK_LABEL: Record<CssrsRisk, string> = {
  low: "Low risk",
  moderate: "Moderate risk",
  high: "High risk",
};

const yesNo = z.boolean();

export const cssrsAnswersSchema = z
  .strictObject({
    q1: yesNo,
    q2: yesNo,
    q3: yesNo,
    q4: yesNo,
    q5: yesNo,
    q6: yesNo,
    q6Recent: yesNo.optional(),
  })
  .superRefine((answers, ctx) => {
    if (answers.q6 && answers.q6Recent === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["q6Recent"],
        message: "Say whether this was within the past 3 months.",
      });
    }
    // A stale follow-up left over from a changed answer would contradict question 6.
    if (!answers.q6 && answers.q6Recent !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["q6Recent"],
        message: "Answer this only when question 6 is yes.",
      });
    }
  });
export type CssrsAnswers = z.infer<typeof cssrsAnswersSchema>;

/** The since-last-visit answers: the six questions, no recency follow-up. */
export const cssrsSinceLastVisitAnswersSchema = z.strictObject({
  q1: yesNo,
  q2: yesNo,
  q3: yesNo,
  q4: yesNo,
  q5: yesNo,
  q6: yesNo,
});

/**
 * The Columbia screener's published triage: yes to Q4 or Q5 (past month) or suicidal behaviour in the
 * past 3 months is high risk; yes to Q3, or behaviour more than 3 months ago, is moderate; Q1/Q2 alone
 * is low. Any yes counts even when skip logic (no to Q2 skips Q3-5) says it should not have been asked,
 * and behaviour of unknown recency counts as recent: a missed risk costs more than a false alarm.
 */
export function cssrsRisk(answers: CssrsAnswers): CssrsRisk {
  if (answers.q4 || answers.q5 || (answers.q6 && answers.q6Recent !== false)) return "high";
  if (answers.q3 || answers.q6) return "moderate";
  return "low";
}

export function scoreCssrs(answers: CssrsAnswers): MeasureScore {
  const risk = cssrsRisk(answers);
  const flags: MeasureFlag[] =
    risk === "high" ? ["cssrs-high-risk"] : risk === "moderate" ? ["cssrs-moderate-risk"] : [];
  // The screener triages; it has no total score.
  return { total: null, band: risk, bandLabel: CSSRS_RISK_LABEL[risk], flags };
}

/** The screener's answers parsed for the time frame asked (throws ZodError on bad input). */
export function parseCssrsAnswers(answers: unknown, variant: MeasureVariant = "STANDARD"): CssrsAnswers {
  // Without the follow-up, behaviour since the last visit scores as recent (see cssrsRisk).
  return variant === "SINCE_LAST_VISIT"
    ? cssrsSinceLastVisitAnswersSchema.parse(answers)
    : cssrsAnswersSchema.parse(answers);
}

export const CSSRS_SINCE_LAST_VISIT = {
  title: "Columbia-Suicide Severity Rating Scale (Screener, since last visit)",
  shortTitle: "C-SSRS since last visit",
  instructions: "Answer yes or no about the time since your last visit.",
  items: CSSRS_SINCE_LAST_VISIT_ITEMS,
} as const;

export const CSSRS = {
  id: "CSSRS",
  title: "Columbia-Suicide Severity Rating Scale (Screener)",
  shortTitle: "C-SSRS",
  instructions:
    "Answer yes or no. Questions 1 to 5 are about the past month. Question 6 is about any time in your " +
    "life; if yes, say whether it was within the past 3 months.",
  items: CSSRS_ITEMS,
  options: CSSRS_OPTIONS,
  followUp: { ...CSSRS_Q6_FOLLOW_UP, askWhen: "q6" },
  answersSchema: cssrsAnswersSchema,
  score: scoreCssrs,
} as const satisfies ScaleDefinition<CssrsAnswers, boolean> & { followUp: MeasureItem & { askWhen: string } };
