import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/domain/core/format";
import { SESSION_KIND_PURPOSE } from "@/lib/domain/scheduling/protocol";
import { sessionLabel } from "@/lib/domain/scheduling/session-label";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { getOwnSchedule } from "@/lib/server/scheduling/client-schedule";

export const metadata: Metadata = { title: "Your schedule" };

export default async function PortalSchedulePage() {
  const actor = await requireClientUser();
  const { sessions, settings } = await getOwnSchedule(actor);
  const now = new Date();
  const upcoming = sessions.filter(
    (s) => s.endsAt >= now && !["CANCELLED", "NO_SHOW", "ENDED_EARLY"].includes(s.status),
  );
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Your schedule</h1>
      <p className="text-sm text-slate-600">Times are in {actor.timeZone}.</p>
      {upcoming.length === 0 ? (
        <Card>
          <p className="text-slate-700">
            Nothing is scheduled yet. Your therapist will plan your sessions with you.
          </p>
        </Card>
      ) : (
        <ol className="space-y-3" data-testid="client-schedule">
          {upcoming.map((s) => (
            <li key={s.id}>
              <Card className="space-y-2">
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="text-lg font-semibold">{sessionLabel(s)}</h2>
                  {s.status === "CONFIRMED" ? <Badge tone="success">Confirmed</Badge> : null}
                </div>
                <p className="font-medium">{formatDateTime(s.startsAt, actor.timeZone)}</p>
                <p className="text-sm text-slate-600">
                  With {s.clinician.name}
                  {s.location ? ` · ${s.location}` : ""}
                </p>
                {s.telehealthUrl ? (
                  <a href={s.telehealthUrl} className="text-sm text-teal-800 underline">
                    Join by video
                  </a>
                ) : null}
                <p className="text-sm text-slate-700">{SESSION_KIND_PURPOSE[s.kind]}</p>
                {s.kind === "DOSING" ? (
                  <div
                    className="rounded-md bg-amber-50 p-3 text-sm text-amber-950"
                    data-testid="dosing-prep"
                  >
                    <p className="font-medium">Getting ready for your dosing day</p>
                    <ul className="mt-1 list-disc space-y-1 pl-5">
                      <li>
                        No food for {settings.fastingFoodHours} hours before, and no drinks (even clear ones)
                        for {settings.fastingClearLiquidHours} hours before.
                      </li>
                      <li>
                        No alcohol, cannabis, benzodiazepines, opioids or stimulants in the 24 hours before,
                        unless your prescriber says otherwise.
                      </li>
                      <li>Arrange for an adult to take you home. Do not drive until the next day.</li>
                    </ul>
                  </div>
                ) : null}
                <a
                  href={`/api/sessions/${s.id}/ics`}
                  className="inline-block text-sm text-teal-800 underline"
                  download
                >
                  Add to my calendar (.ics)
                </a>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
