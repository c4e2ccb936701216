import {
  type DoseOverride,
  failedItems,
  type GoNoGoResult,
  isOverridable,
  OVERRIDE_MIN_REASON_LENGTH,
  whyNotOverridable,
} from "./checklist";

/**
 * The re-check at the moment a dose is recorded (docs/clinical-rules.md §3 "The dose given", §3a).
 * The checklist may have been entered a while ago; by the time the dose is recorded a flag may
 * have been raised, the consent or eligibility may have changed, the order may have been revoked.
 * The server gathers the facts as they are now; this decides, and lists every problem.
 */

export type DoseRecheckFacts = {
  /** The server's clock when the dose is being recorded. */
  now: Date;
  /** The time the dose was given, as entered. */
  givenAt: Date;
  /** The stored checklist re-evaluated now (its entries, today's settings, the record's facts now); null when none was entered. */
  checklist: GoNoGoResult | null;
  /** When the checklist, with its blood-pressure reading, was submitted; null when unknown. */
  checklistAt: Date | null;
  override: DoseOverride | null;
  /** Practice setting: how long the checklist's blood-pressure reading stays valid for the dose. */
  bpReadingMaxAgeMinutes: number;
  /** Whether this dose's pre-dose C-SSRS (since last visit) and PHQ-9 have been completed. */
  preDose: { cssrsSinceLastVisit: boolean; phq9: boolean };
  /** The order the dose is recorded against; absent where only active orders are offered (the dosing page). */
  order?: { revokedAt: Date | null; validUntil: Date };
};

export type DoseRecheckProblem = { code: string; message: string };

const MINUTE = 60_000;

function overrideIsValid(o: DoseOverride | null): o is DoseOverride {
  return o?.byRole === "PRESCRIBER" && o.reason.trim().length >= OVERRIDE_MIN_REASON_LENGTH;
}

/** Every reason the dose may not be recorded now; empty when it may. */
export function recheckDose(f: DoseRecheckFacts): DoseRecheckProblem[] {
  const problems: DoseRecheckProblem[] = [];
  const maxAge = f.bpReadingMaxAgeMinutes;

  if (!f.checklist) {
    problems.push({
      code: "checklist-missing",
      message: "The go / no-go checklist has not been entered for this dose.",
    });
  } else {
    const covered = new Set(overrideIsValid(f.override) ? f.override.items : []);
    // While an item no override releases fails, offering an override for the others would mislead.
    const overridePossible = failedItems(f.checklist).every((i) => isOverridable(i.code));
    for (const item of failedItems(f.checklist)) {
      if (!isOverridable(item.code)) {
        problems.push({
          code: `item:${item.code}`,
          message: `${item.label}: ${item.detail} ${whyNotOverridable(item.code)}`,
        });
      } else if (!covered.has(item.code)) {
        // An override covers only the items it was given for; a newly failing item needs its own.
        problems.push({
          code: `item:${item.code}`,
          message: overrideIsValid(f.override)
            ? `${item.label}: ${item.detail} This item was not failing when the prescriber overrode the checklist, so the override does not cover it.`
            : `${item.label}: ${item.detail}${overridePossible ? " The dose is held unless a prescriber overrides it with a reason." : ""}`,
        });
      }
    }
    // The reading must be recent both now and at the time the dose was given.
    if (!f.checklistAt) {
      problems.push({
        code: "bp-reading-too-old",
        message:
          "The checklist's blood-pressure reading has no recorded time: take a new reading and enter the go / no-go checklist again.",
      });
    } else {
      const ageMinutes = Math.floor(
        (Math.max(f.now.getTime(), f.givenAt.getTime()) - f.checklistAt.getTime()) / MINUTE,
      );
      if (ageMinutes > maxAge) {
        problems.push({
          code: "bp-reading-too-old",
          message: `The checklist's blood-pressure reading is ${ageMinutes} minutes old; the practice accepts one for ${maxAge} minutes (a clinic setting). Take a new reading and enter the go / no-go checklist again.`,
        });
      }
    }
  }

  if (!f.preDose.cssrsSinceLastVisit) {
    problems.push({
      code: "pre-dose-cssrs-missing",
      message:
        "The C-SSRS since last visit has not been completed for this dose: the client answers it in their portal, or a clinician asks it on this page.",
    });
  }
  if (!f.preDose.phq9) {
    problems.push({
      code: "pre-dose-phq9-missing",
      message:
        "The pre-dose PHQ-9 has not been completed for this dose: the client answers it in their portal, or a clinician asks it on this page.",
    });
  }

  // The order at the real time of recording, and at the time given when that is later (a dose may
  // be entered up to a few minutes ahead); a revocation or expiry before either holds the dose.
  const latest = Math.max(f.now.getTime(), f.givenAt.getTime());
  if (f.order?.revokedAt && f.order.revokedAt.getTime() <= latest) {
    problems.push({
      code: "order-revoked",
      message:
        "The order has been revoked: no dose is recorded against it. The prescriber writes a new order.",
    });
  }
  if (f.order && latest > f.order.validUntil.getTime()) {
    problems.push({
      code: "order-expired",
      message: "The order has expired: no dose is recorded against it. The prescriber renews it.",
    });
  }
  return problems;
}
