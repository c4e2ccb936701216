import type { Metadata } from "next";
import Link from "next/link";
import { StageBadge } from "@/components/clients/stage-badge";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { CLIENT_STAGES, STAGE_LABEL } from "@/lib/domain/stages";
import { displayName, listClients } from "@/lib/server/clients";
import { pageQuerySchema } from "@/lib/server/pagination";

export const metadata: Metadata = { title: "Clients" };

type Search = { page?: string; q?: string; stage?: string };

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireStaff();
  const sp = await searchParams;
  const page = pageQuerySchema.parse(sp.page);
  const q = sp.q?.slice(0, 100);
  const clients = await listClients(actor, { page, q, stage: sp.stage });
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
      <form className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Search
          </label>
          <Input id="q" name="q" defaultValue={q} placeholder="Name or e-mail" className="w-64" />
        </div>
        <div>
          <label htmlFor="stage" className="block text-sm font-medium">
            Stage
          </label>
          <Select id="stage" name="stage" defaultValue={sp.stage ?? ""} className="w-56">
            <option value="">Any stage</option>
            {CLIENT_STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABEL[s]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {clients.items.length === 0 ? (
        <EmptyState title={q || sp.stage ? "No clients match" : "No clients yet"} />
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
      <Pagination
        page={clients.page}
        hasNext={clients.hasNext}
        basePath="/clients"
        params={{ q, stage: sp.stage }}
      />
    </>
  );
}
