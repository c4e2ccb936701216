/**
 * Body-mass index from the intake's height and weight (US units), docs/clinical-rules.md §2.
 * BMI = 703 × pounds ÷ inches², shown to one decimal place.
 */
export type BodyMeasurements = { heightFeet?: number; heightInches?: number; weightPounds?: number };

/** The BMI, or null when height or weight is missing or not a usable number. */
export function bmiOf(m: BodyMeasurements): number | null {
  if (m.heightFeet === undefined || m.weightPounds === undefined) return null;
  const inches = m.heightFeet * 12 + (m.heightInches ?? 0);
  if (!Number.isFinite(inches) || !Number.isFinite(m.weightPounds) || inches <= 0 || m.weightPounds <= 0) {
    return null;
  }
  return Math.round(((703 * m.weightPounds) / (inches * inches)) * 10) / 10;
}

/** The BMI at and above which the screening raises a relative flag (severe obesity, class II and above). */
export const BMI_FLAG_AT = 35;

/** The usual adult BMI bands (CDC / WHO), for display next to the number. */
export function bmiBand(bmi: number): string {
  if (bmi < 18.5) return "underweight";
  if (bmi < 25) return "healthy weight";
  if (bmi < 30) return "overweight";
  if (bmi < 35) return "obesity, class 1";
  if (bmi < 40) return "obesity, class 2";
  return "obesity, class 3";
}

/** "5 ft 10 in, 180 lb: BMI 25.8 (overweight)", or null when not answered. */
export function describeBody(m: BodyMeasurements): string | null {
  const bmi = bmiOf(m);
  if (bmi === null) return null;
  return `${m.heightFeet} ft ${m.heightInches ?? 0} in, ${m.weightPounds} lb: BMI ${bmi} (${bmiBand(bmi)})`;
}
