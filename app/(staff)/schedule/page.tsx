import type { Metadata } from "next";
import Link from "next/link";
import { QueryProvider } from "@/app/providers";
import { PageHeader } from "@/components/layout/page-header";
import { CalendarFeed } from "@/components/scheduling/calendar-feed";
import { TherapistCalendar } from "@/components/scheduling/therapist-calendar";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { localDateOf } from "@/lib/domain/core/zoned-time";
import { requireStaff } from "@/lib/server/auth/current-user";
import { calendarFeedStatus } from "@/lib/server/scheduling/calendar-feed";

export const metadata: Metadata = { title: "Schedule" };

export default async function SchedulePage() {
  const actor = await requireStaff("THERAPIST", "PRESCRIBER");
  const feed = await calendarFeedStatus(actor);
  return (
    <>
      <PageHeader
        title="Schedule"
        description="Your sessions by kind and status. Open a session to move, confirm, start, complete or cancel it."
        actions={
          actor.role === "THERAPIST" ? (
            <Button asChild>
              <Link href="/series/new">Plan a series</Link>
            </Button>
          ) : null
        }
      />
      <details className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer font-medium">Calendar feed</summary>
        <div className="mt-3">
          <CalendarFeed
            active={feed.active}
            expired={feed.expired}
            expiresAt={feed.expiresAt}
            timeZone={actor.timeZone}
          />
        </div>
      </details>
      <QueryProvider>
        <TherapistCalendar
          today={localDateOf(new Date(), actor.timeZone)}
          timeZone={actor.timeZone}
          canEdit={can(actor.role, "update", "session")}
        />
      </QueryProvider>
    </>
  );
}
