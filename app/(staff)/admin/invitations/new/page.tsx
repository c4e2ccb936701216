import type { Metadata } from "next";
import { InviteStaffForm } from "@/components/invitations/invite-staff-form";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { localDateOf } from "@/lib/domain/core/zoned-time";
import { requireStaff } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Invite staff" };

export default async function InviteStaffPage() {
  const actor = await requireStaff("ADMIN");
  return (
    <>
      <PageHeader title="Invite a staff member" description="They receive a link to set their password." />
      <Card className="max-w-2xl">
        <InviteStaffForm today={localDateOf(new Date(), actor.timeZone)} />
      </Card>
    </>
  );
}
