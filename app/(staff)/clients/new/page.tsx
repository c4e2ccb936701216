import type { Metadata } from "next";
import { AddClientForm } from "@/components/clients/add-client-form";
import { PageHeader } from "@/components/layout/page-header";
import { Card } from "@/components/ui/card";
import { listActiveStaff } from "@/lib/server/admin/users";
import { requireStaff } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Add client" };

export default async function NewClientPage() {
  const actor = await requireStaff("ADMIN", "THERAPIST");
  const therapists = actor.role === "ADMIN" ? await listActiveStaff(actor, "THERAPIST") : null;
  return (
    <>
      <PageHeader
        title="Add a client"
        description="The client receives an e-mail invitation to set a password and complete their intake."
      />
      <Card className="max-w-2xl">
        <AddClientForm therapists={therapists} />
      </Card>
    </>
  );
}
