"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

/**
 * TanStack Query for the live parts of a page (calendar, queues, live dosing).
 * Only those components render this provider, so pages without live data do not
 * ship the library. In the browser every provider shares one client, so a
 * mutation in one live view invalidates the queries of another; on the server
 * each render gets its own, so nothing leaks between requests.
 */
let browserClient: QueryClient | undefined;

function queryClient() {
  const make = () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1 } } });
  if (typeof window === "undefined") return make();
  browserClient ??= make();
  return browserClient;
}

export function QueryProvider({ children }: { children: React.ReactNode }) {
  return <QueryClientProvider client={queryClient()}>{children}</QueryClientProvider>;
}
