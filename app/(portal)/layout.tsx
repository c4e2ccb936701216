import { AppShell } from "@/components/layout/app-shell";
import { requireClientUser } from "@/lib/auth/session";
import { CLIENT_IDLE_MS } from "@/lib/domain/session-policy";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireClientUser();
  return (
    <AppShell actor={actor} idleMinutes={CLIENT_IDLE_MS / 60_000}>
      {children}
    </AppShell>
  );
}
