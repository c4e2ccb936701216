import type { Metadata } from "next";
import Link from "next/link";
import { StageBadge } from "@/components/clients/stage-badge";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { formatDateTime, SESSION_KIND_LABEL } from "@/lib/domain/format";
import { getCaseload } from "@/lib/server/caseload";
import { displayName } from "@/lib/server/clients";
import { pageQuerySchema } from "@/lib/server/pagination";

export const metadata: Metadata = { title: "Caseload" };

export default async function CaseloadPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireStaff("THERAPIST", "PRESCRIBER");
  const page = pageQuerySchema.parse((await searchParams).page);
  const caseload = await getCaseload(actor, page);
  return (
    <>
      <PageHeader
        title={actor.role === "THERAPIST" ? "Your caseload" : "Your clients"}
        description="Clients on your care team, where they stand, and their next session."
        actions={
          actor.role === "THERAPIST" ? (
            <Button asChild>
              <Link href="/clients/new">Add client</Link>
            </Button>
          ) : null
        }
      />
      {caseload.items.length === 0 ? (
        <EmptyState title="No clients on your care team yet">
          {actor.role === "THERAPIST" ? "Add a client to invite them to the portal." : null}
        </EmptyState>
      ) : (
        <Table data-testid="caseload">
          <THead>
            <tr>
              <Th>Client</Th>
              <Th>Stage</Th>
              <Th>Next session</Th>
              <Th>Safety</Th>
            </tr>
          </THead>
          <tbody>
            {caseload.items.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link href={`/clients/${c.id}`} className="font-medium text-teal-800 underline">
                    {displayName(c)}
                  </Link>
                </Td>
                <Td>
                  <StageBadge stage={c.stage} />
                </Td>
                <Td>
                  {c.nextSession ? (
                    <>
                      <span className="font-medium">{SESSION_KIND_LABEL[c.nextSession.kind]}</span>
                      <br />
                      <span className="text-slate-600">
                        {formatDateTime(c.nextSession.startsAt, actor.timeZone)}
                      </span>
                    </>
                  ) : (
                    <span className="text-slate-500">None scheduled</span>
                  )}
                </Td>
                <Td>
                  {c.openSafetyFlags > 0 ? (
                    <Badge tone="danger" data-testid="safety-flag">
                      {c.openSafetyFlags} open safety flag{c.openSafetyFlags > 1 ? "s" : ""}
                    </Badge>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={caseload.page} hasNext={caseload.hasNext} basePath="/caseload" />
    </>
  );
}
