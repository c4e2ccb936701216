import type { Metadata } from "next";
import Link from "next/link";
import { StageBadge } from "@/components/clients/stage-badge";
import { EmptyState } from "@/components/layout/empty-state";
import { ListSearch } from "@/components/layout/list-search";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Button } from "@/components/ui/button";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { displayName } from "@/lib/domain/clients/display-name";
import { CLIENT_STAGES, STAGE_LABEL } from "@/lib/domain/clients/stages";
import { formatDate } from "@/lib/domain/core/format";
import { pageQuerySchema } from "@/lib/domain/core/pagination";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listClients, parseStage } from "@/lib/server/clients/client-list";
import { readSearchText } from "@/lib/server/core/list-search";

export const metadata: Metadata = { title: "Clients" };

type Search = { page?: string; stage?: string };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireStaff();
  const sp = await searchParams;
  const page = pageQuerySchema.parse(sp.page);
  const q = await readSearchText("clients");
  const stage = parseStage(sp.stage);
  const clients = await listClients(actor, { page, q, stage });
  return (
    <>
      <PageHeader
        title="Clients"
        description={actor.role === "ADMIN" ? "Every client of the practice." : "Clients on your care team."}
        actions={
          can(actor.role, "invite", "client") ? (
            <Button asChild>
              <Link href="/clients/new">Add client</Link>
            </Button>
          ) : null
        }
      />
      <ListSearch
        list="clients"
        q={q}
        filter={{
          label: "Stage",
          anyLabel: "Any stage",
          value: stage,
          options: CLIENT_STAGES.map((s) => ({ value: s, label: STAGE_LABEL[s] })),
        }}
      />
      {clients.items.length === 0 ? (
        <EmptyState title={q || stage ? "No clients match" : "No clients yet"}>
          {q ? `Nothing matches “${q}”${stage ? ` at ${STAGE_LABEL[stage]}` : ""}.` : null}
        </EmptyState>
      ) : (
        <Table data-testid="client-list">
          <THead>
            <tr>
              <Th>Client</Th>
              <Th>Date of birth</Th>
              <Th>State</Th>
              <Th>Stage</Th>
            </tr>
          </THead>
          <tbody>
            {clients.items.map((c) => (
              <Tr key={c.id}>
                <Td>
                  <Link href={`/clients/${c.id}`} className="font-medium text-teal-800 underline">
                    {displayName(c)}
                  </Link>
                </Td>
                <Td>{formatDate(c.dateOfBirth)}</Td>
                <Td>{c.state}</Td>
                <Td>
                  <StageBadge stage={c.stage} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={clients.page} hasNext={clients.hasNext} basePath="/clients" params={{ stage }} />
    </>
  );
}
