"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ActionableSession } from "@/components/scheduling/session-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatTimeRange } from "@/lib/domain/core/format";
import { sessionLabel } from "@/lib/domain/scheduling/session-label";
import { type CalendarView, dayHeading, dayOf, spanOnDay, step, viewDays, viewRange } from "./calendar-math";
import { type DaySpan, eventBox, gridHours, layoutDay } from "./day-layout";
import { SessionDialog } from "./session-dialog";

type WireSession = Omit<ActionableSession, "startsAt" | "endsAt"> & {
  seriesId: string;
  sequence: number | null;
  statusReason: string | null;
  startsAt: string;
  endsAt: string;
  location: string | null;
  telehealthUrl: string | null;
  clinician: string;
  clients: { id: string; name: string }[];
};
export type Session = Omit<WireSession, "startsAt" | "endsAt"> & { startsAt: Date; endsAt: Date };

const KIND_STYLE: Record<string, string> = {
  PREPARATION: "border-sky-400 bg-sky-50 text-sky-950",
  DOSING: "border-rose-400 bg-rose-50 text-rose-950",
  INTEGRATION: "border-emerald-400 bg-emerald-50 text-emerald-950",
  FOLLOW_UP: "border-amber-400 bg-amber-50 text-amber-950",
  CLOSING: "border-slate-400 bg-slate-50 text-slate-900",
};
const closed = (s: Session) => s.status === "CANCELLED" || s.status === "NO_SHOW";
const PX_PER_MIN = 0.9;
/** The shortest box drawn, so a short session's label stays readable. */
const MIN_BOX_MINUTES = 30;

export const calendarKeys = { range: (from: string, to: string) => ["calendar", from, to] as const };

async function fetchSessions(from: Date, to: Date): Promise<Session[]> {
  const res = await fetch(`/api/calendar/sessions?from=${from.toISOString()}&to=${to.toISOString()}`, {
    cache: "no-store",
  });
  if (!res.ok)
    throw new Error(
      res.status === 401 ? "Your session ended. Sign in again." : "The calendar could not be loaded.",
    );
  const rows = (await res.json()) as WireSession[];
  return rows.map((s) => ({ ...s, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
}

/** The therapist's calendar: week, day and list views, in the practice's time zone. */
export function TherapistCalendar({
  today,
  timeZone,
  canEdit,
}: {
  today: string;
  timeZone: string;
  canEdit: boolean;
}) {
  const [view, setView] = useState<CalendarView>("week");
  const [anchor, setAnchor] = useState(today);
  // The id, not the object: after an action the refreshed session (new version) is shown.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const days = viewDays(view, anchor, timeZone);
  const { from, to } = viewRange(days, timeZone);
  const { data, error, isLoading } = useQuery({
    queryKey: calendarKeys.range(from.toISOString(), to.toISOString()),
    queryFn: () => fetchSessions(from, to),
    refetchInterval: 60_000,
  });
  const sessions = data ?? [];
  const byDay = (day: string) => sessions.filter((s) => dayOf(s.startsAt, timeZone) === day);
  const selected = sessions.find((s) => s.id === selectedId) ?? null;
  const open = (s: Session) => setSelectedId(s.id);

  return (
    <div className="space-y-4" data-testid="calendar">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setAnchor(step(view, anchor, -1))}
          aria-label="Previous"
        >
          ←
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setAnchor(today)}>
          Today
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setAnchor(step(view, anchor, 1))}
          aria-label="Next"
        >
          →
        </Button>
        <h2 className="ml-2 text-lg font-semibold" aria-live="polite" data-testid="calendar-range">
          {dayHeading(days[0] ?? today, timeZone)}
          {days.length > 1 ? ` – ${dayHeading(days.at(-1) ?? today, timeZone)}` : ""}
        </h2>
        <fieldset className="ml-auto flex gap-1">
          <legend className="sr-only">View</legend>
          {(["week", "day", "list"] as const).map((v) => (
            <Button
              key={v}
              size="sm"
              variant={view === v ? "primary" : "secondary"}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v[0]?.toUpperCase()}
              {v.slice(1)}
            </Button>
          ))}
        </fieldset>
      </div>
      <p className="text-xs text-slate-500">Times in {timeZone}.</p>
      {error ? <Notice tone="danger">{(error as Error).message}</Notice> : null}
      {isLoading ? <p className="text-sm text-slate-600">Loading…</p> : null}
      {view === "list" ? (
        <ListView days={days} byDay={byDay} timeZone={timeZone} onOpen={open} />
      ) : (
        <GridView days={days} sessions={sessions} timeZone={timeZone} onOpen={open} />
      )}
      <SessionDialog
        session={selected}
        onClose={() => setSelectedId(null)}
        timeZone={timeZone}
        canEdit={canEdit}
      />
    </div>
  );
}

function SessionButton({
  s,
  onOpen,
  timeZone,
  style,
  narrow = false,
}: {
  s: Session;
  onOpen: (s: Session) => void;
  timeZone: string;
  style?: React.CSSProperties;
  /** A column shared with overlapping sessions in the week: less padding (the title has it all). */
  narrow?: boolean;
}) {
  const times = formatTimeRange(s.startsAt, s.endsAt, timeZone);
  const clients = s.clients.map((c) => c.name).join(" & ");
  const status = s.status.toLowerCase().replace("_", " ");
  return (
    <button
      type="button"
      onClick={() => onOpen(s)}
      style={style}
      title={`${sessionLabel(s)}, ${times}, ${clients}, ${status}`}
      className={`w-full overflow-hidden rounded border-l-4 py-1 text-left ${narrow ? "px-1" : "px-2"} text-xs shadow-sm hover:ring-2 hover:ring-teal-600 ${KIND_STYLE[s.kind] ?? ""} ${closed(s) ? "line-through opacity-60" : ""}`}
      data-testid="calendar-session"
    >
      <span className="block font-semibold">{sessionLabel(s)}</span>
      <span className="block" data-testid="calendar-session-time">
        {times}
      </span>
      <span className="block">{clients}</span>
      <span className="block opacity-80">{status}</span>
    </button>
  );
}

type DaySession = DaySpan & { session: Session };

function GridView({
  days,
  sessions,
  timeZone,
  onOpen,
}: {
  days: string[];
  sessions: Session[];
  timeZone: string;
  onOpen: (s: Session) => void;
}) {
  // Each day gets the part of every session that falls on it (a late session continues after midnight).
  const perDay = days.map((day) =>
    sessions.flatMap((session): DaySession[] => {
      const span = spanOnDay(session.startsAt, session.endsAt, day, timeZone);
      return span ? [{ ...span, session }] : [];
    }),
  );
  const grid = gridHours(perDay.flat(), MIN_BOX_MINUTES);
  const layouts = perDay.map((items) => layoutDay(items, MIN_BOX_MINUTES));
  const mostColumns = Math.max(1, ...layouts.flat().map((p) => p.columns));
  const hours = Array.from({ length: (grid.end - grid.start) / 60 }, (_, i) => grid.start / 60 + i);
  const height = (grid.end - grid.start) * PX_PER_MIN;
  // Wide enough for each day's columns; a phone scrolls the week sideways.
  const minWidth = 56 + days.length * Math.max(days.length > 1 ? 84 : 0, mostColumns * 40);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <div
        className="grid"
        style={{ gridTemplateColumns: `3.5rem repeat(${days.length}, minmax(0, 1fr))`, minWidth }}
        data-testid="calendar-grid"
      >
        <div className="sticky left-0 z-10 bg-white" />
        {days.map((d) => (
          <div
            key={d}
            className="border-b border-l border-slate-200 px-2 py-2 text-center text-sm font-medium"
          >
            {dayHeading(d, timeZone)}
          </div>
        ))}
        {/* The hours stay in view while a phone scrolls the week sideways. */}
        <div className="sticky left-0 z-10 bg-white" style={{ height }} aria-hidden="true">
          {hours.map((h) => (
            <span
              key={h}
              className="absolute right-1 text-xs text-slate-500"
              style={{ top: Math.max(0, (h * 60 - grid.start) * PX_PER_MIN - 6) }}
            >
              {h}:00
            </span>
          ))}
        </div>
        {days.map((d, i) => (
          <div key={d} className="relative border-l border-slate-200" style={{ height }}>
            {hours.map((h) => (
              <div
                key={h}
                className="absolute inset-x-0 border-t border-slate-100"
                style={{ top: (h * 60 - grid.start) * PX_PER_MIN }}
              />
            ))}
            <div className="absolute inset-y-0 right-1 left-1">
              {(layouts[i] ?? []).map((p) => {
                const box = eventBox(p, grid, PX_PER_MIN);
                return (
                  <div
                    key={p.item.session.id}
                    className="absolute pr-0.5"
                    style={{
                      top: box.top,
                      height: box.height,
                      left: `${box.leftPercent}%`,
                      width: `${box.widthPercent}%`,
                    }}
                  >
                    <SessionButton
                      s={p.item.session}
                      onOpen={onOpen}
                      timeZone={timeZone}
                      style={{ height: "100%" }}
                      narrow={p.columns > 1 && days.length > 1}
                    />
                  </div>
                );
              })}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function ListView({
  days,
  byDay,
  timeZone,
  onOpen,
}: {
  days: string[];
  byDay: (d: string) => Session[];
  timeZone: string;
  onOpen: (s: Session) => void;
}) {
  const withSessions = days.filter((d) => byDay(d).length > 0);
  if (withSessions.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
        No sessions in these two weeks.
      </p>
    );
  return (
    <ol className="space-y-4">
      {withSessions.map((d) => (
        <li key={d}>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">{dayHeading(d, timeZone)}</h3>
          <ul className="space-y-2">
            {byDay(d).map((s) => (
              <li key={s.id} className="flex items-start gap-3">
                <span className="w-20 shrink-0 pt-1 text-sm text-slate-600" aria-hidden="true">
                  {new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(
                    s.startsAt,
                  )}
                </span>
                <SessionButton s={s} onOpen={onOpen} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
