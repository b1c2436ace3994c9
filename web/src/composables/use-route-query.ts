import { computed, type WritableComputedRef } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw, type Router } from 'vue-router';

/**
 * A view's state kept in the URL's query string, so that what a planner sees (a comparison, a
 * set of filters) can be bookmarked and shared as a link. Writes made in the same tick are merged
 * into one navigation, so setting two parameters at once does not lose the first.
 */
export interface RouteQueryOptions {
  /** 'push' adds a history entry (Back undoes it); 'replace' suits text typed key by key. */
  mode?: 'push' | 'replace';
}

interface PendingWrite {
  query: LocationQueryRaw;
  mode: 'push' | 'replace';
}

const pendingWrites = new WeakMap<Router, PendingWrite>();

function writeQuery(router: Router, current: LocationQuery, patch: LocationQueryRaw, mode: 'push' | 'replace'): void {
  const pending = pendingWrites.get(router);
  if (pending) {
    Object.assign(pending.query, patch);
    if (mode === 'push') pending.mode = 'push';
    return;
  }
  const write: PendingWrite = { query: { ...current, ...patch }, mode };
  pendingWrites.set(router, write);
  queueMicrotask(() => {
    pendingWrites.delete(router);
    const query = Object.fromEntries(Object.entries(write.query).filter(([, value]) => value !== undefined && value !== ''));
    void router[write.mode]({ query });
  });
}

function firstValue(value: LocationQuery[string] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single ?? undefined;
}

/** A string parameter; the default is left out of the URL. */
export function useRouteQuery(name: string, defaultValue = '', options: RouteQueryOptions = {}): WritableComputedRef<string> {
  const route = useRoute();
  const router = useRouter();
  return computed({
    get: () => firstValue(route.query[name]) ?? defaultValue,
    set: (value) => writeQuery(router, route.query, { [name]: value === defaultValue ? undefined : value }, options.mode ?? 'push'),
  });
}

/** An integer parameter (a year); anything unreadable reads as the default. */
export function useRouteQueryNumber(name: string, defaultValue: number, options: RouteQueryOptions = {}): WritableComputedRef<number> {
  const text = useRouteQuery(name, String(defaultValue), options);
  return computed({
    get: () => {
      const value = Number.parseInt(text.value, 10);
      return Number.isFinite(value) ? value : defaultValue;
    },
    set: (value) => {
      text.value = String(value);
    },
  });
}

/** A list parameter written comma-separated (`?j=320612,320300`), in the reader's order. */
export function useRouteQueryList(name: string, options: RouteQueryOptions = {}): WritableComputedRef<string[]> {
  const text = useRouteQuery(name, '', options);
  return computed({
    get: () =>
      text.value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    set: (items) => {
      text.value = [...new Set(items)].join(',');
    },
  });
}
