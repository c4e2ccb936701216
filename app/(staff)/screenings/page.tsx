import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Badge } from "@/components/ui/badge";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { formatWaiting } from "@/lib/domain/format";
import { displayName } from "@/lib/server/clients";
import { pageQuerySchema } from "@/lib/server/pagination";
import { listAwaitingScreenings } from "@/lib/server/screening-queue";

export const metadata: Metadata = { title: "Screening queue" };

export default async function ScreeningQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const actor = await requireStaff("PRESCRIBER");
  const page = pageQuerySchema.parse((await searchParams).page);
  const queue = await listAwaitingScreenings(actor, page);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Screening queue"
        description="Eligibility screenings awaiting a prescriber, oldest first."
      />
      {queue.items.length === 0 ? (
        <EmptyState title="No screenings are waiting">
          New intakes appear here when clients submit them.
        </EmptyState>
      ) : (
        <Table data-testid="screening-queue">
          <THead>
            <tr>
              <Th>Client</Th>
              <Th>State</Th>
              <Th>Waiting</Th>
              <Th>Flags</Th>
            </tr>
          </THead>
          <tbody>
            {queue.items.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Link href={`/clients/${s.client.id}`} className="font-medium text-teal-800 underline">
                    {displayName(s.client)}
                  </Link>
                  {s.supersedesId ? <span className="ml-2 text-xs text-slate-500">(re-review)</span> : null}
                </Td>
                <Td>{s.client.state}</Td>
                <Td>{formatWaiting(s.createdAt, now)}</Td>
                <Td className="space-x-1">
                  <Badge tone={s.absoluteFlagCount ? "danger" : "neutral"}>
                    {s.absoluteFlagCount} absolute
                  </Badge>
                  <Badge tone={s.relativeFlagCount ? "warning" : "neutral"}>
                    {s.relativeFlagCount} relative
                  </Badge>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={queue.page} hasNext={queue.hasNext} basePath="/screenings" />
    </>
  );
}
