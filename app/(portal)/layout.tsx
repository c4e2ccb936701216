import { AppShell } from "@/components/layout/app-shell";
import { CLIENT_IDLE_MS } from "@/lib/domain/auth/session-policy";
import { requireClientUser } from "@/lib/server/auth/current-user";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireClientUser();
  return (
    <AppShell actor={actor} idleMinutes={CLIENT_IDLE_MS / 60_000}>
      {children}
    </AppShell>
  );
}
