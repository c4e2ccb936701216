import type { Metadata } from "next";
import { PracticeSettingsForm } from "@/components/admin/practice-settings-form";
import { RequireTwoStepForm } from "@/components/admin/require-two-step-form";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getPracticeSecurity } from "@/lib/server/admin/practice-security";
import { getPracticeSettingsForAdmin } from "@/lib/server/admin/practice-settings";
import { requireStaff } from "@/lib/server/auth/current-user";
import {
  PRACTICE_SETTINGS_DEFAULTS,
  type PracticeSettingKey,
  practiceSettingsFormValues,
} from "@/lib/validation/practice-settings";

export const metadata: Metadata = { title: "Practice settings" };

/** The zones this server knows, plus the practice's own if the list lacks it. */
function timeZoneOptions(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  zones.add(current);
  return [...zones].sort();
}

export default async function PracticeSettingsPage() {
  const actor = await requireStaff("ADMIN");
  const { settings, timeZone } = await getPracticeSettingsForAdmin(actor);
  const security = await getPracticeSecurity(actor);
  const changed = (Object.keys(PRACTICE_SETTINGS_DEFAULTS) as PracticeSettingKey[]).filter(
    (key) => JSON.stringify(settings[key]) !== JSON.stringify(PRACTICE_SETTINGS_DEFAULTS[key]),
  ).length;
  return (
    <>
      <PageHeader
        title="Practice settings"
        description="The limits the dosing checklist, vitals monitoring and the series scheduler use."
      />
      <Notice tone="info" className="mb-6" data-testid="settings-defaults">
        Every value starts from a default seen in published KAP protocols (e.g. hold the dose above 140/90,
        monitor for at least 2 hours). They are your clinic&apos;s settings: agree them with your medical lead
        and change any to match your own protocol.{" "}
        {changed === 0
          ? "Your clinic uses all the defaults so far."
          : `${changed} setting${changed === 1 ? " differs" : "s differ"} from the defaults.`}
      </Notice>
      <Card className="mb-6 space-y-3">
        <h2 className="text-lg font-semibold">Sign-in</h2>
        <RequireTwoStepForm
          requireTwoStep={security.requireTwoStep}
          adminHasTwoStep={security.adminHasTwoStep}
        />
      </Card>
      <PracticeSettingsForm
        values={practiceSettingsFormValues(settings, timeZone)}
        timeZones={timeZoneOptions(timeZone)}
      />
    </>
  );
}
