import { z } from "zod";
import type {
  BandRange,
  MeasureFlag,
  MeasureItem,
  MeasureOption,
  MeasureScore,
  ScaleDefinition,
} from "./measure-types";

/** The 0-3 frequency scale, shared by PHQ-9 and GAD-7. */
export const FREQUENCY_OPTIONS = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
] as const;

export const PHQ9_ITEMS = [
  { id: "q1", text: "Little interest or pleasure in doing things" },
  { id: "q2", text: "Feeling down, depressed, or hopeless" },
  { id: "q3", text: "Trouble falling or staying asleep, or sleeping too much" },
  { id: "q4", text: "Feeling tired or having little energy" },
  { id: "q5", text: "Poor appetite or overeating" },
  {
    id: "q6",
    text: "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
  },
  { id: "q7", text: "Trouble concentrating on things, such as reading the newspaper or watching television" },
  {
    id: "q8",
    text:
      "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety " +
      "or restless that you have been moving around a lot more than usual",
  },
  { id: "q9", text: "Thoughts that you would be better off dead or of hurting yourself in some way" },
] as const;

/** Asked after the nine items; it describes impairment and never enters the total. */
export const PHQ9_DIFFICULTY_ITEM = {
  id: "difficulty",
  text:
    "If you checked off any problems, how difficult have these problems made it for you to do your work, " +
    "take care of things at home, or get along with other people?",
} as const;

export const PHQ9_DIFFICULTY_OPTIONS = [
  { value: 0, label: "Not difficult at all" },
  { value: 1, label: "Somewhat difficult" },
  { value: 2, label: "Very difficult" },
  { value: 3, label: "Extremely difficult" },
] as const;

/** Kroenke 2001. 5-9 is "mild": an EHR that calls it "moderate" over-states severity. */
export const PHQ9_BANDS: readonly BandRange[] = [
  { band: "minimal", label: "Minimal", min: 0, max: 4 },
  { band: "mild", label: "Mild", min: 5, max: 9 },
  { band: "moderate", label: "Moderate", min: 10, max: 14 },
  { band: "moderately-severe", label: "Moderately severe", min: 15, max: 19 },
  { band: "severe", label: "Severe", min: 20, max: 27 },
];

const itemAnswer = z.int().min(0).max(3);

export const phq9AnswersSchema = z.strictObject({
  q1: itemAnswer,
  q2: itemAnswer,
  q3: itemAnswer,
  q4: itemAnswer,
  q5: itemAnswer,
  q6: itemAnswer,
  q7: itemAnswer,
  q8: itemAnswer,
  q9: itemAnswer,
  difficulty: itemAnswer.optional(),
});
export type Phq9Answers = z.infer<typeof phq9AnswersSchema>;

export function scorePhq9(answers: Phq9Answers): MeasureScore {
  const total = PHQ9_ITEMS.reduce((sum, item) => sum + answers[item.id], 0);
  const band = PHQ9_BANDS.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`PHQ-9 total ${total} is outside 0-27.`);
  // Item 9 is a suicide-risk signal in its own right: a low total must never hide it.
  const flags: MeasureFlag[] = answers.q9 > 0 ? ["phq9-item9"] : [];
  return { total, band: band.band, bandLabel: band.label, flags };
}

export const PHQ9 = {
  id: "PHQ9",
  title: "Patient Health Questionnaire-9",
  shortTitle: "PHQ-9",
  instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  items: PHQ9_ITEMS,
  options: FREQUENCY_OPTIONS,
  difficultyItem: PHQ9_DIFFICULTY_ITEM,
  difficultyOptions: PHQ9_DIFFICULTY_OPTIONS,
  maxTotal: 27,
  answersSchema: phq9AnswersSchema,
  score: scorePhq9,
} as const satisfies ScaleDefinition<Phq9Answers> & {
  difficultyItem: MeasureItem;
  difficultyOptions: readonly MeasureOption[];
};
