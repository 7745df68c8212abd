import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  CatalogueCard,
  CataloguePage,
  CatalogueQuery,
  OffstreamBridge,
} from '../../../main/contract/index';
import { useNames } from '../app/names';
import { useCall } from '../app/use-call';

export type CatalogueFilter = NonNullable<CatalogueQuery['filter']>;
export type CatalogueSort = NonNullable<CatalogueQuery['sort']>;

export interface CatalogueState {
  items: CatalogueCard[];
  nextCursor: string | null;
  remote: boolean;
  loading: boolean;
  /** The first answer for the current query has arrived. */
  loaded: boolean;
}

const pageSize = 120;
const refillPageSize = 500;
const initial: CatalogueState = {
  items: [],
  nextCursor: null,
  remote: true,
  loading: true,
  loaded: false,
};

/**
 * Keyset paging over catalogue:list. A new query starts over; `reload` re-reads as many rows as
 * are loaded, so a change elsewhere does not throw the person back to the top.
 */
export function useCataloguePages(
  bridge: OffstreamBridge,
  query: { search: string; filter: CatalogueFilter; sort: CatalogueSort },
) {
  const names = useNames();
  const { call, problem, clearProblem } = useCall(bridge);
  const [state, setState] = useState<CatalogueState>(initial);
  const current = useRef(state);
  current.current = state;
  const generation = useRef(0);
  const busy = useRef(false);

  const search = query.search.trim();
  const base = useMemo(
    () => ({ filter: query.filter, sort: query.sort, ...(search ? { search } : {}) }),
    [query.filter, query.sort, search],
  );

  const fill = useCallback(
    async (atLeast: number) => {
      const mine = ++generation.current;
      busy.current = true;
      setState((s) => ({ ...s, loading: true }));
      const items: CatalogueCard[] = [];
      let cursor: string | null = null;
      let remote = true;
      do {
        const limit = items.length === 0 && atLeast <= pageSize ? pageSize : refillPageSize;
        const args: CatalogueQuery = { ...base, limit, ...(cursor ? { cursor } : {}) };
        const page: CataloguePage | undefined = await call('catalogue:list', args);
        if (mine !== generation.current) return;
        if (!page) {
          busy.current = false;
          setState((s) => ({ ...s, loading: false, loaded: true }));
          return;
        }
        items.push(...page.items);
        cursor = page.nextCursor;
        remote = page.remote;
      } while (cursor && items.length < atLeast);
      names.remember(items);
      busy.current = false;
      setState({ items, nextCursor: cursor, remote, loading: false, loaded: true });
    },
    [base, call, names],
  );

  useEffect(() => {
    void fill(0);
  }, [fill]);

  const loadMore = useCallback(async () => {
    const { nextCursor } = current.current;
    if (busy.current || !nextCursor) return;
    const mine = generation.current;
    busy.current = true;
    setState((s) => ({ ...s, loading: true }));
    const page = await call('catalogue:list', { ...base, limit: pageSize, cursor: nextCursor });
    if (mine !== generation.current) return;
    busy.current = false;
    if (!page) {
      setState((s) => ({ ...s, loading: false }));
      return;
    }
    names.remember(page.items);
    setState((s) => ({
      items: [...s.items, ...page.items],
      nextCursor: page.nextCursor,
      remote: page.remote,
      loading: false,
      loaded: true,
    }));
  }, [base, call, names]);

  const reload = useCallback(() => fill(current.current.items.length), [fill]);

  return { ...state, loadMore, reload, problem, clearProblem };
}
