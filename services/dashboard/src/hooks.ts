import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True only while there is nothing to show yet (first load or after the inputs changed). */
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads `fetcher()` whenever `inputs` (the serialised query) changes; with `pollMs`, refreshes quietly in the background
 * while the tab is visible, so an automatic revocation shows up without a reload.
 */
export function useResource<T>(fetcher: () => Promise<T>, inputs: string, pollMs?: number): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const load = useCallback(async (quiet: boolean) => {
    const mine = ++generation.current;
    if (!quiet) setLoading(true);
    try {
      const value = await fetcherRef.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(undefined);
    } catch (e) {
      if (mine !== generation.current) return;
      // A failed background refresh keeps the last good data on screen.
      if (!quiet) setData(undefined);
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputs` (the serialised query) is what triggers a load
  useEffect(() => {
    void load(false);
  }, [inputs, load]);

  useEffect(() => {
    if (!pollMs) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load(true);
    }, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, load]);

  const reload = useCallback(() => load(true), [load]);
  return { data, error, loading, reload };
}

/** `#/keys?x=1` → `keys`, `#/findings/fnd_1` → `findings`. Hash routing: keys-api serves one index.html, no server routes needed. */
const readRoute = () => (window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/')[0] ?? '';

/** The item a link points at: `#/findings/fnd_1` → `fnd_1` (email and webhook links open exactly it). */
export const routeItem = (): string | null => {
  const id = (window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/')[1];
  return id ? decodeURIComponent(id) : null;
};

/** `#/findings?source=github` → `{ source: 'github' }`: the filters a link put in the address. */
export function hashParams(): Record<string, string> {
  const q = window.location.hash.split('?')[1] ?? '';
  return Object.fromEntries(new URLSearchParams(q));
}

export function useHashRoute(): string {
  const read = readRoute;
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(readRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A value that follows `value` after `ms` of quiet (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
