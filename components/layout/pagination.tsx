import Link from "next/link";

/** Previous / next links that keep the page's other search parameters. */
export function Pagination({
  page,
  hasNext,
  basePath,
  params = {},
}: {
  page: number;
  hasNext: boolean;
  basePath: string;
  params?: Record<string, string | undefined>;
}) {
  if (page === 1 && !hasNext) return null;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className="text-teal-800 underline" href={href(page - 1)}>
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">Page {page}</span>
      {hasNext ? (
        <Link className="text-teal-800 underline" href={href(page + 1)}>
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
