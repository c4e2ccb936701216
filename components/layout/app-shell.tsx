import Link from "next/link";
import { signOutEverywhereAction } from "@/lib/actions/auth";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { ROLE_LABEL } from "@/lib/domain/core/format";
import { AccountMenu } from "./account-menu";
import { IdleSignOut } from "./idle-sign-out";
import { type NavItem, NavLinks } from "./nav-links";

const NAV: Record<Actor["role"], NavItem[]> = {
  THERAPIST: [
    { href: "/caseload", label: "Caseload" },
    { href: "/schedule", label: "Schedule" },
    { href: "/dosing", label: "Dosing" },
    { href: "/clients", label: "Clients" },
  ],
  PRESCRIBER: [
    { href: "/screenings", label: "Screening queue" },
    { href: "/dosing", label: "Live dosing" },
    { href: "/caseload", label: "My clients" },
    { href: "/schedule", label: "Schedule" },
    { href: "/clients", label: "Clients" },
  ],
  ADMIN: [
    { href: "/admin", label: "Overview" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/invitations", label: "Invitations" },
    { href: "/admin/consents", label: "Consents" },
    { href: "/admin/protocols", label: "Protocols" },
    { href: "/admin/note-templates", label: "Note templates" },
    { href: "/admin/settings", label: "Settings" },
    { href: "/clients", label: "Clients" },
  ],
  CLIENT: [
    { href: "/portal", label: "Home" },
    { href: "/portal/schedule", label: "Schedule" },
    { href: "/portal/account", label: "Account" },
  ],
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
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-1 px-4 py-2">
          <Link href="/" className="text-lg font-semibold tracking-tight text-teal-800">
            Kapstone
          </Link>
          <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks items={NAV[actor.role]} />
          </nav>
          <AccountMenu
            name={actor.name}
            roleLabel={ROLE_LABEL[actor.role] ?? actor.role}
            signOutEverywhere={signOutEverywhereAction}
            securityHref={isStaff(actor.role) ? "/account/security" : undefined}
          />
        </div>
      </header>
      <IdleSignOut minutes={idleMinutes} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
