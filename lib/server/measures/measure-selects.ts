import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A questionnaire's score, as trends and lists show it. */
export const measureScoreSelect = {
  id: true,
  scale: true,
  variant: true,
  context: true,
  total: true,
  band: true,
  flags: true,
  takenAt: true,
} as const satisfies Prisma.MeasureResponseSelect;

/** A questionnaire with the answers given, as the intake and the screening review show it. */
export const measureResponseSelect = {
  ...measureScoreSelect,
  answers: true,
} as const satisfies Prisma.MeasureResponseSelect;
