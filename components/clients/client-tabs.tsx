import { NavLinks } from "@/components/layout/nav-links";

/** The sections of a client's record that the viewer may open. */
export function ClientTabs({
  clientId,
  show,
}: {
  clientId: string;
  show: { intake: boolean; measures?: boolean };
}) {
  const items = [{ href: `/clients/${clientId}`, label: "Overview" }];
  if (show.intake) items.push({ href: `/clients/${clientId}/intake`, label: "Intake" });
  if (show.measures ?? show.intake)
    items.push({ href: `/clients/${clientId}/measures`, label: "Measures & trends" });
  return (
    <nav aria-label="Client record" className="mb-4 border-b border-slate-200 pb-2">
      <NavLinks items={items} />
    </nav>
  );
}
