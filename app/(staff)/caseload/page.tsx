import type { Metadata } from "next";
import Link from "next/link";
import { StageBadge } from "@/components/clients/stage-badge";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { displayName } from "@/lib/domain/clients/display-name";
import { formatDateTime, SESSION_KIND_LABEL } from "@/lib/domain/core/format";
import { pageQuerySchema } from "@/lib/domain/core/pagination";
import { requireStaff } from "@/lib/server/auth/current-user";
import { getCaseload } from "@/lib/server/clients/caseload";

export const metadata: Metadata = { title: "Caseload" };

type Row = Awaited<ReturnType<typeof getCaseload>>["items"][number];

/** What needs the clinician on each row, in their role's terms. */
function TodoBadges({ row, role }: { row: Row; role: string }) {
  const items =
    role === "PRESCRIBER"
      ? [
          [row.followUpsDue, "follow-up due", "warning"],
          [row.recordsToSign, "dosing record to sign", "info"],
          [row.eventsToReview, "event to review", "danger"],
        ]
      : [
          [row.notesToSign, "note to sign", "info"],
          [row.measuresOverdue, "measure overdue", "danger"],
          [row.measuresDue - row.measuresOverdue, "measure due", "warning"],
        ];
  const shown = items.filter(([n]) => Number(n) > 0) as [number, string, "warning" | "info" | "danger"][];
  if (shown.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <>
      {shown.map(([n, label, tone]) => (
        <Badge key={label} tone={tone} className="mr-1">
          {n} {label}
          {n > 1 ? "s" : ""}
        </Badge>
      ))}
    </>
  );
}

/** Totals for the page at a glance. */
function Glance({ rows, role }: { rows: Row[]; role: string }) {
  const sum = (f: (r: Row) => number) => rows.reduce((n, r) => n + f(r), 0);
  const tiles =
    role === "PRESCRIBER"
      ? [
          ["Follow-ups due", sum((r) => r.followUpsDue)],
          ["Dosing records to sign", sum((r) => r.recordsToSign)],
          ["Vitals alerts and adverse events to review", sum((r) => r.eventsToReview)],
          ["Open safety flags", sum((r) => r.openSafetyFlags)],
        ]
      : [
          ["Notes to sign", sum((r) => r.notesToSign)],
          ["Measures due or overdue", sum((r) => r.measuresDue)],
          ["Open safety flags", sum((r) => r.openSafetyFlags)],
          ["Clients with a session ahead", rows.filter((r) => r.nextSession).length],
        ];
  return (
    <div className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="glance">
      {tiles.map(([label, value]) => (
        <div key={String(label)} className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-sm text-slate-600">{label}</p>
          <p className="text-2xl font-semibold">{value}</p>
        </div>
      ))}
    </div>
  );
}

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
      <Glance rows={caseload.items} role={actor.role} />
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
              <Th>To do</Th>
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
                <Td className="space-y-1" data-testid="todo">
                  <TodoBadges row={c} role={actor.role} />
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
