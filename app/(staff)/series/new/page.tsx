import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { PlanSeriesForm } from "@/components/scheduling/plan-series-form";
import { Notice } from "@/components/ui/notice";
import { localDateOf } from "@/lib/domain/core/zoned-time";
import { requireStaff } from "@/lib/server/auth/current-user";
import { seriesPlanningOptions } from "@/lib/server/scheduling/series-planning";

export const metadata: Metadata = { title: "Plan a KAP series" };

export default async function NewSeriesPage({
  searchParams,
}: {
  searchParams: Promise<{ client?: string }>;
}) {
  const actor = await requireStaff("THERAPIST");
  const { client } = await searchParams;
  const options = await seriesPlanningOptions(actor);
  return (
    <>
      <PageHeader
        title="Plan a KAP series"
        description="Choose the protocol and rhythm; Kapstone lays out every session and checks it against everyone's calendar before anything is created."
      />
      {options.templates.length === 0 ? (
        <Notice tone="warning">
          The practice has no protocol template yet. An admin can add one under Admin → Protocols.
        </Notice>
      ) : options.clients.length === 0 ? (
        <Notice tone="info">No clients on your care team yet.</Notice>
      ) : (
        <PlanSeriesForm
          options={options}
          clientId={client}
          today={localDateOf(new Date(), actor.timeZone)}
          timeZone={actor.timeZone}
        />
      )}
    </>
  );
}
