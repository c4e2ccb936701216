import type { Metadata } from "next";
import { StaffLicencesForm } from "@/components/admin/staff-licences-form";
import { UserActions } from "@/components/admin/user-actions";
import { EmptyState } from "@/components/layout/empty-state";
import { ListSearch } from "@/components/layout/list-search";
import { PageHeader } from "@/components/layout/page-header";
import { Pagination } from "@/components/layout/pagination";
import { Badge } from "@/components/ui/badge";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { licenceCurrentAt } from "@/lib/domain/admin/staff-licences";
import { toIsoDate } from "@/lib/domain/core/dates";
import { formatDateTime, ROLE_LABEL } from "@/lib/domain/core/format";
import { pageQuerySchema } from "@/lib/domain/core/pagination";
import { localDateOf } from "@/lib/domain/core/zoned-time";
import { listUsers, type UserFilter } from "@/lib/server/admin/users";
import { requireStaff } from "@/lib/server/auth/current-user";
import { readSearchText } from "@/lib/server/core/list-search";

export const metadata: Metadata = { title: "Users" };

const ROLES = ["THERAPIST", "PRESCRIBER", "ADMIN", "CLIENT"] as const;

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; role?: string }>;
}) {
  const actor = await requireStaff("ADMIN");
  const sp = await searchParams;
  const page = pageQuerySchema.parse(sp.page);
  const role = ROLES.find((r) => r === sp.role) as UserFilter["role"];
  const q = await readSearchText("users");
  const users = await listUsers(actor, { page, role, q });
  const now = new Date();
  const today = localDateOf(now, actor.timeZone);
  return (
    <>
      <PageHeader title="Users" description="Everyone with an account in this practice." />
      <ListSearch
        list="users"
        q={q}
        filter={{
          label: "Role",
          anyLabel: "Any role",
          value: role,
          options: ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] ?? r })),
        }}
      />
      {users.items.length === 0 ? (
        <EmptyState title="No users match" />
      ) : (
        <Table data-testid="user-list">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Last sign-in</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {users.items.map((u) => (
              <Tr key={u.id}>
                <Td>
                  <span className="font-medium">{u.name}</span>
                  {u.staffProfile?.credentials ? `, ${u.staffProfile.credentials}` : ""}
                  <br />
                  <span className="text-slate-600">{u.email}</span>
                  {u.staffProfile?.licences.length ? (
                    <span className="block text-xs text-slate-500" data-testid={`licences-${u.id}`}>
                      Licensed in{" "}
                      {u.staffProfile.licences
                        .map(
                          (l) =>
                            `${l.state} (${licenceCurrentAt(l, now, actor.timeZone) ? "until" : "expired"} ${toIsoDate(l.expiresAt)})`,
                        )
                        .join(", ")}
                    </span>
                  ) : null}
                  {u.role !== "CLIENT" ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs font-medium text-teal-800">
                        Edit licences
                      </summary>
                      <div className="mt-2">
                        <StaffLicencesForm
                          userId={u.id}
                          today={today}
                          licences={(u.staffProfile?.licences ?? []).map((l) => ({
                            state: l.state,
                            expiresAt: toIsoDate(l.expiresAt),
                          }))}
                        />
                      </div>
                    </details>
                  ) : null}
                </Td>
                <Td>{ROLE_LABEL[u.role]}</Td>
                <Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt, actor.timeZone) : "Never"}</Td>
                <Td>
                  {u.disabledAt ? (
                    <Badge tone="danger">Disabled</Badge>
                  ) : (
                    <Badge tone="success">Active</Badge>
                  )}
                  {u.mfaEnabledAt ? (
                    <Badge tone="info" className="ml-1">
                      Two-step
                    </Badge>
                  ) : null}
                </Td>
                <Td>
                  {u.id === actor.userId ? (
                    <span className="text-sm text-slate-500">You</span>
                  ) : (
                    <UserActions
                      user={{
                        id: u.id,
                        name: u.name,
                        role: u.role,
                        disabled: Boolean(u.disabledAt),
                        twoStep: Boolean(u.mfaEnabledAt),
                      }}
                    />
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pagination page={users.page} hasNext={users.hasNext} basePath="/admin/users" params={{ role }} />
    </>
  );
}
