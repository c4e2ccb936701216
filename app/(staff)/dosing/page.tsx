import type { Metadata } from "next";
import { QueryProvider } from "@/app/providers";
import { LiveDosing } from "@/components/dosing/live-dosing";
import { PageHeader } from "@/components/layout/page-header";
import { requireStaff } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Live dosing" };

export default async function LiveDosingPage() {
  const actor = await requireStaff("PRESCRIBER", "THERAPIST");
  return (
    <>
      <PageHeader
        title="Live dosing"
        description="Dosing sessions in progress for your clients, with the latest vitals, alerts and adverse events, and records awaiting a signature."
      />
      <QueryProvider>
        <LiveDosing timeZone={actor.timeZone} />
      </QueryProvider>
    </>
  );
}
