import Link from "next/link";
import { signOutEverywhereAction } from "@/app/actions/session";
import type { Actor } from "@/lib/auth/actor";
import { ROLE_LABEL } from "@/lib/domain/format";
import { IdleSignOut } from "./idle-sign-out";
import { type NavItem, NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

const NAV: Record<Actor["role"], NavItem[]> = {
  THERAPIST: [
    { href: "/caseload", label: "Caseload" },
    { href: "/clients", label: "Clients" },
  ],
  PRESCRIBER: [
    { href: "/screenings", label: "Screening queue" },
    { href: "/caseload", label: "My clients" },
    { href: "/clients", label: "Clients" },
  ],
  ADMIN: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/invitations", label: "Invitations" },
    { href: "/clients", label: "Clients" },
  ],
  CLIENT: [{ href: "/portal", label: "Home" }],
};

export function AppShell({
  actor,
  idleMinutes,
  children,
}: {
  actor: Actor;
  idleMinutes: number;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-dvh">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-teal-800">
            Kapstone
          </Link>
          <nav aria-label="Main" className="flex-1">
            <NavLinks items={NAV[actor.role]} />
          </nav>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              <span className="font-medium" data-testid="signed-in-name">
                {actor.name}
              </span>
              <span className="text-slate-500"> · {ROLE_LABEL[actor.role]}</span>
            </span>
            <form action={signOutEverywhereAction}>
              <button type="submit" className="text-slate-600 underline hover:text-slate-900">
                Sign out everywhere
              </button>
            </form>
            <SignOutButton />
          </div>
        </div>
      </header>
      <IdleSignOut minutes={idleMinutes} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
