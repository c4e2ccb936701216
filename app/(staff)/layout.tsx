import { AppShell } from "@/components/layout/app-shell";
import { requireStaff } from "@/lib/auth/session";
import { STAFF_IDLE_MS } from "@/lib/domain/session-policy";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaff();
  return (
    <AppShell actor={actor} idleMinutes={STAFF_IDLE_MS / 60_000}>
      {children}
    </AppShell>
  );
}
