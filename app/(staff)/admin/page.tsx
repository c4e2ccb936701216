import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getAdminOverview } from "@/lib/server/admin/overview";
import { requireStaff } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Practice admin" };

export default async function AdminPage() {
  const actor = await requireStaff("ADMIN");
  const { counts, pendingInvitations, practice } = await getAdminOverview(actor);
  const tiles = [
    { label: "Therapists", value: counts.THERAPIST ?? 0, href: "/admin/users?role=THERAPIST" },
    { label: "Prescribers", value: counts.PRESCRIBER ?? 0, href: "/admin/users?role=PRESCRIBER" },
    { label: "Clients with an account", value: counts.CLIENT ?? 0, href: "/clients" },
    { label: "Pending invitations", value: pendingInvitations, href: "/admin/invitations" },
  ];
  return (
    <>
      <PageHeader
        title={practice.name}
        description={`Practice time zone: ${practice.timeZone}`}
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
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="admin-overview">
        {tiles.map((t) => (
          <Card key={t.label}>
            <p className="text-sm text-slate-600">{t.label}</p>
            <p className="mt-1 text-3xl font-semibold">{t.value}</p>
            <Link href={t.href} className="mt-2 inline-block text-sm text-teal-800 underline">
              View
            </Link>
          </Card>
        ))}
      </div>
    </>
  );
}
