import { Badge } from "@/components/ui/badge";
import { type EligibilityFlag, groupFlags } from "@/lib/domain/screening/eligibility";

/** Screening flags grouped absolute then relative, each with the answer that raised it. */
export function FlagList({ flags }: { flags: EligibilityFlag[] }) {
  if (flags.length === 0)
    return <p className="text-sm text-slate-600">The screening rules raised no flags.</p>;
  return (
    <div className="space-y-4" data-testid="flag-list">
      {groupFlags(flags)
        .filter((g) => g.flags.length > 0)
        .map((g) => (
          <div key={g.severity}>
            <h3 className="text-sm font-semibold">
              <Badge tone={g.severity === "absolute" ? "danger" : "warning"}>{g.label}</Badge>{" "}
              <span className="text-slate-600">({g.flags.length})</span>
            </h3>
            <ul className="mt-2 space-y-2">
              {g.flags.map((f) => (
                <li
                  key={f.code}
                  className="rounded-md border border-slate-200 bg-white p-3 text-sm"
                  data-testid={`flag-${f.code}`}
                >
                  <p className="font-medium">{f.label}</p>
                  <p className="text-slate-700">{f.answer}</p>
                  {f.detail ? <p className="text-slate-700 italic">{f.detail}</p> : null}
                  <p className="text-xs text-slate-500">{f.source}</p>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}
