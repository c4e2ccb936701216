"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { createCalendarFeedAction, revokeCalendarFeedAction } from "@/lib/actions/scheduling";
import { formatDate } from "@/lib/domain/core/format";

/**
 * A private feed URL for a calendar app; shown once, revocable, and working for a year
 * (the date is shown). Replacing it rotates the link: the old one stops at once.
 * Clients appear by initials only.
 */
export function CalendarFeed({
  active,
  expired = false,
  expiresAt = null,
  timeZone,
}: {
  active: boolean;
  expired?: boolean;
  expiresAt?: Date | null;
  timeZone: string;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [isActive, setActive] = useState(active);
  const [isExpired, setExpired] = useState(expired);
  const [until, setUntil] = useState<Date | null>(expiresAt);
  const [revoked, setRevoked] = useState(false);
  const { run, pending, message: refused } = useAction({ refresh: false });
  const message = refused ?? (revoked ? "The feed is revoked." : null);
  return (
    <div className="space-y-2 text-sm" data-testid="calendar-feed">
      <p className="text-slate-700">
        Subscribe to your sessions from Google Calendar, Outlook or Apple Calendar. The feed shows clients by
        initials only. Anyone with the link can read it: keep it private, revoke it if it leaks.
      </p>
      {isActive && until ? (
        <p data-testid="calendar-feed-expiry">
          The feed URL works until {formatDate(until, timeZone)}; replace it before then (the old URL stops at
          once).
        </p>
      ) : null}
      {!isActive && isExpired && until ? (
        <p data-testid="calendar-feed-expiry">
          Your feed URL expired on {formatDate(until, timeZone)}. Create a new one.
        </p>
      ) : null}
      {url ? (
        <div className="space-y-1">
          <label htmlFor="feed-url" className="block font-medium">
            Your feed URL (shown once)
          </label>
          <Input id="feed-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setRevoked(false);
            void run(
              () => createCalendarFeedAction(),
              (feed) => {
                setUrl(feed.url);
                setActive(true);
                setExpired(false);
                setUntil(new Date(feed.expiresAt));
              },
            );
          }}
        >
          {isActive ? "Replace the feed URL" : "Create a feed URL"}
        </Button>
        {isActive ? (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() =>
              void run(
                () => revokeCalendarFeedAction(),
                () => {
                  setUrl(null);
                  setActive(false);
                  setExpired(false);
                  setRevoked(true);
                },
              )
            }
          >
            Revoke
          </Button>
        ) : null}
      </div>
      {message ? <p aria-live="polite">{message}</p> : null}
    </div>
  );
}
