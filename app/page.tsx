import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/server/auth/current-user";

export default async function Home() {
  const actor = await getSessionUser();
  redirect(actor ? homePathFor(actor.role) : "/signin");
}
