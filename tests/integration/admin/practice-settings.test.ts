import { describe, expect, it } from "vitest";
import { practiceSettingsWarnings } from "@/lib/domain/admin/practice-settings";
import {
  getPracticeSettingsForAdmin,
  loadPracticeSettings,
  updatePracticeSettings,
} from "@/lib/server/admin/practice-settings";
import { db } from "@/lib/server/core/db";
import {
  PRACTICE_SETTINGS_DEFAULTS,
  type PracticeSettingsInput,
  practiceSettingsFormValues,
} from "@/lib/validation/practice-settings";
import { failure } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";

const formOf = (over: Partial<Record<keyof PracticeSettingsInput, unknown>> = {}) =>
  ({
    ...practiceSettingsFormValues(PRACTICE_SETTINGS_DEFAULTS, "America/Los_Angeles"),
    ...over,
  }) as PracticeSettingsInput;

const storedOf = async (practiceId: string) =>
  db().practice.findUniqueOrThrow({ where: { id: practiceId }, select: { settings: true, timeZone: true } });

describe("practice settings", () => {
  it("starts from the docs/clinical-rules.md defaults", async () => {
    const s = await createScene();
    const view = await loadPracticeSettings(s.practice.id);
    expect(view.timeZone).toBe("America/Los_Angeles");
    expect(view.settings).toEqual(PRACTICE_SETTINGS_DEFAULTS);
    expect(view.settings).toMatchObject({
      bpHoldSystolic: 140,
      bpHoldDiastolic: 90,
      fastingFoodHours: 4,
      fastingClearLiquidHours: 2,
      maxDosesPer7Days: 2,
      monitoringMinutes: 120,
      vitalsEveryMinutes: 15,
      vitalsExtraAtMinutes: [40],
      alertSystolicBelow: 90,
      alertDiastolicBelow: 50,
      alertRespiratoryRateBelow: 10,
      alertRespiratoryRateAbove: 24,
      alertSpo2Below: 92,
    });
    expect((await getPracticeSettingsForAdmin(s.actors.admin)).settings).toEqual(view.settings);
  });

  it("lets the admin change them, and the audit row records only the changed keys, before and after", async () => {
    const s = await createScene();
    const saved = await updatePracticeSettings(
      s.actors.admin,
      formOf({
        bpHoldSystolic: 150,
        fastingFoodHours: 6.5,
        vitalsExtraAtMinutes: "90, 40, 40",
        timeZone: "America/New_York",
      }),
    );
    expect(saved.changed.sort()).toEqual(
      ["bpHoldSystolic", "fastingFoodHours", "timeZone", "vitalsExtraAtMinutes"].sort(),
    );
    const view = await loadPracticeSettings(s.practice.id);
    expect(view.timeZone).toBe("America/New_York");
    expect(view.settings).toMatchObject({
      bpHoldSystolic: 150,
      bpHoldDiastolic: 90,
      fastingFoodHours: 6.5,
      vitalsExtraAtMinutes: [40, 90],
    });

    const rows = await db().auditEvent.findMany({
      where: { practiceId: s.practice.id, action: "settings.update" },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: "OK",
      actorUserId: s.admin.id,
      actorRole: "ADMIN",
      recordType: "Practice",
      recordId: s.practice.id,
      detail: {
        before: {
          bpHoldSystolic: 140,
          fastingFoodHours: 4,
          vitalsExtraAtMinutes: [40],
          timeZone: "America/Los_Angeles",
        },
        after: {
          bpHoldSystolic: 150,
          fastingFoodHours: 6.5,
          vitalsExtraAtMinutes: [40, 90],
          timeZone: "America/New_York",
        },
      },
    });
    const detail = rows[0]?.detail as { before: object; after: object };
    expect(Object.keys(detail.before)).toHaveLength(4);
    expect(Object.keys(detail.after)).toHaveLength(4);

    // Saving the same values again writes nothing and audits nothing.
    const again = await updatePracticeSettings(
      s.actors.admin,
      formOf({
        bpHoldSystolic: 150,
        fastingFoodHours: 6.5,
        vitalsExtraAtMinutes: "40, 90",
        timeZone: "America/New_York",
      }),
    );
    expect(again.changed).toEqual([]);
    expect(
      await db().auditEvent.count({ where: { practiceId: s.practice.id, action: "settings.update" } }),
    ).toBe(1);
  });

  it("puts out-of-range and non-number values on their fields, and changes nothing", async () => {
    const s = await createScene();
    const before = await storedOf(s.practice.id);
    const r = await failure(
      updatePracticeSettings(
        s.actors.admin,
        formOf({
          bpHoldSystolic: 400,
          bpHoldDiastolic: "ninety",
          alertSpo2Below: Number.NaN,
          vitalsEveryMinutes: 7.5,
          fastingFoodHours: -1,
          monitoringMinutes: null,
          vitalsExtraAtMinutes: "40, soon",
          timeZone: "Mars/Olympus_Mons",
        }),
      ),
    );
    expect(r.code).toBe("VALIDATION");
    expect(r.fieldErrors.bpHoldSystolic).toEqual(["Enter a whole number from 90 to 220 mmHg."]);
    expect(r.fieldErrors.bpHoldDiastolic).toEqual(["Enter a number."]);
    expect(r.fieldErrors.alertSpo2Below).toEqual(["Enter a number."]);
    expect(r.fieldErrors.vitalsEveryMinutes).toEqual(["Use a whole number."]);
    expect(r.fieldErrors.fastingFoodHours).toEqual(["Enter a number from 0 to 24 hours."]);
    expect(r.fieldErrors.monitoringMinutes).toEqual(["Enter a number."]);
    expect(r.fieldErrors.vitalsExtraAtMinutes?.[0]).toMatch(/“soon” is not a minute/);
    expect(r.fieldErrors.timeZone?.[0]).toMatch(/time zone/);
    expect(await storedOf(s.practice.id)).toEqual(before);

    // Each field is required: a missing one is an error on it, not a silent default.
    const { bpHoldSystolic: _omitted, ...missing } = formOf();
    const m = await failure(updatePracticeSettings(s.actors.admin, missing as PracticeSettingsInput));
    expect(m.fieldErrors.bpHoldSystolic).toEqual(["Enter a number."]);

    // Rules between fields: integration window and heart-rate alerts.
    const cross = await failure(
      updatePracticeSettings(
        s.actors.admin,
        formOf({
          integrationMinDays: 5,
          integrationMaxDays: 2,
          alertHeartRateBelow: 90,
          alertHeartRateAbove: 80,
        }),
      ),
    );
    expect(Object.keys(cross.fieldErrors).sort()).toEqual(["alertHeartRateBelow", "integrationMaxDays"]);
    expect(await storedOf(s.practice.id)).toEqual(before);
    expect(
      await db().auditEvent.count({ where: { practiceId: s.practice.id, action: "settings.update" } }),
    ).toBe(0);
  });

  it("refuses a hold limit above the alert limit, and monitoring under an hour; warns under 2 hours", async () => {
    const s = await createScene();
    const before = await storedOf(s.practice.id);
    const above = await failure(
      updatePracticeSettings(
        s.actors.admin,
        formOf({
          bpHoldSystolic: 185,
          alertSystolicAbove: 180,
          bpHoldDiastolic: 112,
          alertDiastolicAbove: 110,
        }),
      ),
    );
    expect(above.code).toBe("VALIDATION");
    expect(above.fieldErrors).toEqual({
      bpHoldSystolic: ["The hold limit cannot be above the urgent systolic alert."],
      bpHoldDiastolic: ["The hold limit cannot be above the urgent diastolic alert."],
    });
    const short = await failure(updatePracticeSettings(s.actors.admin, formOf({ monitoringMinutes: 59 })));
    expect(short.fieldErrors.monitoringMinutes).toEqual(["Enter a whole number from 60 to 480 minutes."]);
    const lows = await failure(
      updatePracticeSettings(
        s.actors.admin,
        formOf({
          alertSystolicBelow: 120,
          bpHoldSystolic: 120,
          alertRespiratoryRateBelow: 20,
          alertRespiratoryRateAbove: 20,
        }),
      ),
    );
    expect(Object.keys(lows.fieldErrors).sort()).toEqual(["alertRespiratoryRateBelow", "alertSystolicBelow"]);
    expect(await storedOf(s.practice.id)).toEqual(before);

    // Equal limits, and exactly an hour, are allowed; under 2 hours the page warns, it does not refuse.
    const saved = await updatePracticeSettings(
      s.actors.admin,
      formOf({ bpHoldSystolic: 180, alertSystolicAbove: 180, monitoringMinutes: 60 }),
    );
    expect(saved.settings).toMatchObject({ bpHoldSystolic: 180, monitoringMinutes: 60 });
    expect(practiceSettingsWarnings(saved.settings)).toEqual([
      {
        field: "monitoringMinutes",
        message:
          "Monitoring for 60 minutes after the dose is allowed, but short: the Spravato REMS minimum is 2 hours.",
      },
    ]);
  });

  it("refuses therapists, prescribers and clients with FORBIDDEN and audits the denial", async () => {
    const s = await createScene();
    const before = await storedOf(s.practice.id);
    for (const [actor, role] of [
      [s.actors.therapist, "THERAPIST"],
      [s.actors.prescriber, "PRESCRIBER"],
      [s.actors.clientA, "CLIENT"],
    ] as const) {
      expect((await failure(updatePracticeSettings(actor, formOf({ bpHoldSystolic: 200 })))).code).toBe(
        "FORBIDDEN",
      );
      expect((await failure(getPracticeSettingsForAdmin(actor))).code).toBe("FORBIDDEN");
      const denied = await db().auditEvent.findMany({
        where: { actorUserId: actor.userId, outcome: "DENIED" },
      });
      expect(denied.map((d) => d.action).sort()).toEqual(["settings.manage", "settings.read"]);
      expect(denied[0]).toMatchObject({ actorRole: role, practiceId: s.practice.id, ip: "203.0.113.7" });
    }
    expect(await storedOf(s.practice.id)).toEqual(before);
  });

  it("an admin of another practice changes their own practice, never this one", async () => {
    const s = await createScene();
    const other = await createScene();
    const before = await storedOf(s.practice.id);
    await updatePracticeSettings(
      other.actors.admin,
      formOf({ bpHoldSystolic: 160, timeZone: "Europe/London" }),
    );
    expect(await storedOf(s.practice.id)).toEqual(before);
    expect((await loadPracticeSettings(other.practice.id)).settings.bpHoldSystolic).toBe(160);
    expect(
      await db().auditEvent.count({ where: { practiceId: s.practice.id, action: "settings.update" } }),
    ).toBe(0);
  });

  it("reads stored values that are missing or out of range as their defaults", async () => {
    const s = await createScene();
    await db().practice.update({
      where: { id: s.practice.id },
      data: { settings: { bpHoldSystolic: 150, bpHoldDiastolic: 9000, surprise: true } },
    });
    const { settings } = await loadPracticeSettings(s.practice.id);
    expect(settings).toEqual({ ...PRACTICE_SETTINGS_DEFAULTS, bpHoldSystolic: 150 });
  });
});
