import { useState } from 'react';
import { formatNumber } from './components.js';
import { type Loaded, useApiGet } from './hooks.js';

/** One page of a list endpoint: GET /v1/<list>?limit=&cursor= (newest first). */
export type ListPage<K extends string, T> = { [key in K]: T[] } & {
  nextCursor: string | null;
  total: number;
};

export interface Paged<K extends string, T> extends Loaded<ListPage<K, T>> {
  pageNumber: number;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
}

/**
 * A paginated list: only one page is fetched at a time (never the whole list), and the cursors
 * already seen are kept so "Previous" goes back. Changing `query` starts again at the first page.
 */
export function usePagedList<K extends string, T>(
  path: string,
  query: Record<string, string | undefined>,
  limit = 50,
): Paged<K, T> {
  const queryKey = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])),
  ).toString();
  const [cursors, setCursors] = useState<{ query: string; stack: string[] }>({ query: queryKey, stack: [] });
  const stack = cursors.query === queryKey ? cursors.stack : [];
  const params = new URLSearchParams(queryKey);
  params.set('limit', String(limit));
  const cursor = stack.at(-1);
  if (cursor) params.set('cursor', cursor);
  const loaded = useApiGet<ListPage<K, T>>(`${path}?${params}`);
  return {
    ...loaded,
    pageNumber: stack.length + 1,
    hasPrevious: stack.length > 0,
    next: () => {
      const nextCursor = loaded.data?.nextCursor;
      if (nextCursor) setCursors({ query: queryKey, stack: [...stack, nextCursor] });
    },
    previous: () => setCursors({ query: queryKey, stack: stack.slice(0, -1) }),
  };
}

/** "Page 2 · 1–50 of 10,000" with Previous / Next buttons. */
export function Pager({
  paged,
  shown,
  limit = 50,
}: {
  paged: Pick<Paged<string, unknown>, 'pageNumber' | 'hasPrevious' | 'next' | 'previous'> & {
    data?: { nextCursor: string | null; total: number } | undefined;
  };
  shown: number;
  limit?: number;
}) {
  const first = (paged.pageNumber - 1) * limit + 1;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" onClick={paged.previous} disabled={!paged.hasPrevious}>
        Previous
      </button>
      <span className="muted">
        {shown === 0
          ? 'none'
          : `${formatNumber(first)}–${formatNumber(first + shown - 1)} of ${formatNumber(paged.data?.total)}`}
      </span>
      <button type="button" className="secondary" onClick={paged.next} disabled={!paged.data?.nextCursor}>
        Next
      </button>
    </nav>
  );
}
