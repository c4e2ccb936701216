import { describe, expect, it } from "vitest";
import { practiceSettingsWarnings, readPracticeSettings } from "@/lib/domain/admin/practice-settings";

describe("practice settings warnings", () => {
  it("warns when monitoring is shorter than the Spravato REMS 2 hours, not at 2 hours", () => {
    expect(practiceSettingsWarnings({ monitoringMinutes: 120 })).toEqual([]);
    expect(practiceSettingsWarnings({ monitoringMinutes: 119 })).toEqual([
      {
        field: "monitoringMinutes",
        message:
          "Monitoring for 119 minutes after the dose is allowed, but short: the Spravato REMS minimum is 2 hours.",
      },
    ]);
  });

  it("never reads a stored monitoring time under an hour: it falls back to the 2-hour default", () => {
    expect(readPracticeSettings({ monitoringMinutes: 59 }).monitoringMinutes).toBe(120);
    expect(readPracticeSettings({ monitoringMinutes: 60 }).monitoringMinutes).toBe(60);
  });
});
