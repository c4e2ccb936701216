import type { Metadata } from "next";
import Link from "next/link";
import { InvitationActions } from "@/components/invitations/invitation-actions";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { formatDateTime, ROLE_LABEL } from "@/lib/domain/core/format";
import { pageQuerySchema } from "@/lib/domain/core/pagination";
import {
  canResendInvitation,
  canRevokeInvitation,
  invitationStatus,
} from "@/lib/domain/invitations/invitation-status";
import { requireStaff } from "@/lib/server/auth/current-user";
import { listInvitations } from "@/lib/server/invitations/manage-invitations";

export const metadata: Metadata = { title: "Invitations" };

const TONE = { pending: "info", accepted: "success", revoked: "neutral", expired: "warning" } as const;

export default async function InvitationsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const actor = await requireStaff("ADMIN");
  const page = pageQuerySchema.parse((await searchParams).page);
  const invitations = await listInvitations(actor, page);
  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invitation links work once and expire after 7 days."
        actions={
          <>
            <Button asChild variant="secondary">
              <Link href="/clients/new">Add client</Link>
            </Button>
            <Button asChild>
              <Link href="/admin/invitations/new">Invite staff</Link>
            </Button>
          </>
        }
      />
      {invitations.items.length === 0 ? (
        <EmptyState title="No invitations yet">
          Invite your therapists and prescribers to get started.
        </EmptyState>
      ) : (
        <Table data-testid="invitation-list">
          <THead>
            <tr>
              <Th>Invited</Th>
              <Th>Role</Th>
              <Th>Sent</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {invitations.items.map((i) => {
              const status = invitationStatus(i);
              return (
                <Tr key={i.id}>
                  <Td>
                    <span className="font-medium">{i.name}</span>
                    <br />
                    <span className="text-slate-600">{i.email}</span>
                  </Td>
                  <Td>{ROLE_LABEL[i.role]}</Td>
                  <Td>
                    {formatDateTime(i.createdAt, actor.timeZone)}
                    <span className="block text-xs text-slate-500">by {i.invitedBy.name}</span>
                  </Td>
                  <Td>
                    <Badge tone={TONE[status]}>{status}</Badge>
                  </Td>
                  <Td>
                    {canResendInvitation(status) || canRevokeInvitation(status) ? (
                      <InvitationActions
                        id={i.id}
                        email={i.email}
                        canResend={canResendInvitation(status)}
                        canRevoke={canRevokeInvitation(status)}
                      />
                    ) : null}
                  </Td>
                </Tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <Pagination page={invitations.page} hasNext={invitations.hasNext} basePath="/admin/invitations" />
    </>
  );
}
