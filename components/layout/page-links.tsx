import Link from "next/link";

/**
 * Previous / next links for one paged list of a console page, keeping the page's other query
 * parameters (each list has its own parameter, so two lists page independently). Plain links:
 * no JavaScript needed.
 */
export function PageLinks({ label, param, page, pages, query, texts }: { label: string; param: string; page: number; pages: number; query: Record<string, string | undefined>; texts: { previous: string; next: string; pageOf: string } }) {
  if (pages <= 1) return null;
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries({ ...query, [param]: n > 1 ? String(n) : undefined }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));
    const text = params.toString();
    return text ? `?${text}` : "?";
  };
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="btn-quiet">
          {texts.previous}
        </Link>
      ) : (
        <span />
      )}
      <p>{texts.pageOf}</p>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className="btn-quiet">
          {texts.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** One page of a list held in memory: the page the query parameter asks for (within range), how many there are, and its items. */
export function pageSlice<T>(items: T[], size: number, value: string | string[] | undefined): { page: number; pages: number; shown: T[] } {
  const { page, pages } = pageOfTotal(items.length, size, value);
  return { page, pages, shown: items.slice((page - 1) * size, page * size) };
}

/** The page the query parameter asks for (within range) of `total` items, and how many pages there are (at least one). */
export function pageOfTotal(total: number, size: number, value: string | string[] | undefined): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: pageParam(value, pages), pages };
}

/** A 1-based page number from a query parameter, within 1..pages (a hand-edited link lands on a real page). */
export function pageParam(value: string | string[] | undefined, pages: number): number {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, Math.max(1, pages)) : 1;
}
