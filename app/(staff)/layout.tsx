import { AppShell } from "@/components/layout/app-shell";
import { STAFF_IDLE_MS } from "@/lib/domain/auth/session-policy";
import { requireStaff } from "@/lib/server/auth/current-user";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaff();
  return (
    <AppShell actor={actor} idleMinutes={STAFF_IDLE_MS / 60_000}>
      {children}
    </AppShell>
  );
}
