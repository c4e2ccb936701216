import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";

export default async function Home() {
  const actor = await getSessionUser();
  redirect(actor ? homePathFor(actor.role) : "/signin");
}
