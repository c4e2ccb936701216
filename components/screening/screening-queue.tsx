"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { Table, Td, THead, Th, Tr } from "@/components/ui/table";
import { formatWaiting } from "@/lib/domain/core/format";
import type { Paged } from "@/lib/domain/core/pagination";
import { US_STATE_CODES } from "@/lib/domain/core/us-states";
import type { QueueRow } from "@/lib/server/screening/screening-queue";
import type { QueueQuery } from "@/lib/validation/screening";

type Wire = Paged<Omit<QueueRow, "createdAt" | "since"> & { createdAt: string; since: string }>;

export const queueKeys = {
  all: ["screening-queue"] as const,
  list: (q: QueueQuery) => ["screening-queue", q] as const,
};

/** The query travels in a POST body: a searched name must not end up in a URL. */
async function fetchQueue(q: QueueQuery): Promise<Wire> {
  const res = await fetch("/api/screenings/queue", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(q),
    cache: "no-store",
  });
  if (!res.ok)
    throw new Error(
      res.status === 401 ? "Your session ended. Sign in again." : "The queue could not be loaded.",
    );
  return res.json();
}

const name = (c: QueueRow["client"]) => `${c.preferredName ?? c.legalFirstName} ${c.legalLastName}`;

/** The screening queue, refreshed every 15 seconds without a reload. */
export function ScreeningQueue({ initial, initialQuery }: { initial: Wire; initialQuery: QueueQuery }) {
  const [query, setQuery] = useState<QueueQuery>(initialQuery);
  const [search, setSearch] = useState(initialQuery.q ?? "");
  // A search typed before the page is interactive would be lost: the form says when it is ready.
  const hydrated = useHydrated();
  const { data, error, isFetching, dataUpdatedAt } = useQuery({
    queryKey: queueKeys.list(query),
    queryFn: () => fetchQueue(query),
    initialData: query === initialQuery ? initial : undefined,
    refetchInterval: 15_000,
    refetchOnWindowFocus: true,
  });
  const now = Date.now();
  return (
    <div className="space-y-4">
      <form
        className="flex flex-wrap items-end gap-3"
        aria-label="Filter the queue"
        data-ready={hydrated || undefined}
        onSubmit={(e) => {
          e.preventDefault();
          setQuery((q) => ({ ...q, q: search || undefined, page: 1 }));
        }}
      >
        <div>
          <label htmlFor="filter" className="block text-sm font-medium">
            Show
          </label>
          <Select
            id="filter"
            className="w-56"
            value={query.filter}
            onChange={(e) =>
              setQuery((q) => ({ ...q, filter: e.target.value as QueueQuery["filter"], page: 1 }))
            }
          >
            <option value="all">All waiting</option>
            <option value="absolute">With absolute flags</option>
            <option value="rereview">Re-reviews</option>
          </Select>
        </div>
        <div>
          <label htmlFor="state" className="block text-sm font-medium">
            State
          </label>
          <Select
            id="state"
            className="w-28"
            value={query.state ?? ""}
            onChange={(e) => setQuery((q) => ({ ...q, state: e.target.value || undefined, page: 1 }))}
          >
            <option value="">Any</option>
            {US_STATE_CODES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Client
          </label>
          <Input
            id="q"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name"
            className="w-52"
          />
        </div>
        <Button type="submit" variant="secondary" disabled={!hydrated}>
          Search
        </Button>
        <p className="ml-auto text-xs text-slate-500" aria-live="polite" suppressHydrationWarning>
          {isFetching ? "Refreshing…" : `Updated ${new Date(dataUpdatedAt || now).toLocaleTimeString()}`}
        </p>
      </form>
      {error ? <p className="text-sm text-red-700">{(error as Error).message}</p> : null}
      {!data ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : data.items.length === 0 ? (
        query.q || query.state || query.filter !== "all" ? (
          <EmptyState title="No screening matches">
            Nothing waiting matches this search and these filters. Clear the search or choose “All waiting”.
          </EmptyState>
        ) : (
          <EmptyState title="No screenings are waiting">
            New intakes appear here as clients submit them.
          </EmptyState>
        )
      ) : (
        <Table data-testid="screening-queue">
          <THead>
            <tr>
              <Th>Client</Th>
              <Th>State</Th>
              <Th>Waiting</Th>
              <Th>Flags</Th>
              <Th>
                <span className="sr-only">Review</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {data.items.map((s) => (
              <Tr key={s.id}>
                <Td className="font-medium">
                  {name(s.client)}
                  {s.waiting.kind === "EXPIRED" ? (
                    <span
                      className="mt-1 block text-xs font-normal text-amber-900"
                      data-testid="queue-expired"
                    >
                      Review again: {s.waiting.reason}
                    </span>
                  ) : s.supersedesId ? (
                    <span className="ml-2 text-xs text-slate-500">(re-review)</span>
                  ) : null}
                </Td>
                <Td>{s.client.state}</Td>
                <Td>{formatWaiting(new Date(s.since), new Date(now))}</Td>
                <Td className="space-x-1 whitespace-nowrap">
                  <Badge tone={s.absoluteFlagCount ? "danger" : "neutral"}>
                    {s.absoluteFlagCount} absolute
                  </Badge>
                  <Badge tone={s.relativeFlagCount ? "warning" : "neutral"}>
                    {s.relativeFlagCount} relative
                  </Badge>
                </Td>
                <Td>
                  <Link href={`/screenings/${s.id}`} className="font-medium text-teal-800 underline">
                    Review<span className="sr-only"> {name(s.client)}</span>
                  </Link>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {data && (data.page > 1 || data.hasNext) ? (
        <nav aria-label="Pagination" className="flex justify-between text-sm">
          <Button
            variant="link"
            disabled={data.page <= 1}
            onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}
          >
            ← Previous
          </Button>
          <span>Page {data.page}</span>
          <Button
            variant="link"
            disabled={!data.hasNext}
            onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
          >
            Next →
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
