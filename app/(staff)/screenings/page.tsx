import type { Metadata } from "next";
import { QueryProvider } from "@/app/providers";
import { PageHeader } from "@/components/layout/page-header";
import { ScreeningQueue } from "@/components/screening/screening-queue";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";
import { queueQuerySchema } from "@/lib/validation/screening";

export const metadata: Metadata = { title: "Screening queue" };

export default async function ScreeningQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string>>;
}) {
  const actor = await requireStaff("PRESCRIBER");
  // Filters may come in the address; a searched name never does (it is typed on the page).
  const { q: _ignored, ...params } = await searchParams;
  const query = queueQuerySchema.parse(params);
  const queue = await listScreeningQueue(actor, query);
  return (
    <>
      <PageHeader
        title="Screening queue"
        description="Eligibility screenings awaiting a prescriber in this practice, oldest first. The list refreshes by itself."
      />
      <QueryProvider>
        <ScreeningQueue initial={JSON.parse(JSON.stringify(queue))} initialQuery={query} />
      </QueryProvider>
    </>
  );
}
