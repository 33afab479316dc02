// Why: quick search (one profile) and All profiles ask main the same way while the person
// types — wait for a pause, ask, and keep only the answer to the latest query (an older one
// arriving late must not replace a newer one). One hook, so both behave alike.
import { useEffect, useRef, useState } from 'react';
import { useFailure } from './app-context';
import type { Problem } from './errors';

/** How long typing must pause before main is asked. */
export const SEARCH_DEBOUNCE_MS = 150;

export interface DebouncedSearch<T> {
  /** The latest answer and the query it answers; null while the field is empty. */
  result: { query: string; value: T } | null;
  pending: boolean;
  problem: Problem | null;
}

/**
 * Asks `ask(query)` once typing pauses (the query trimmed, at most 256 characters); an
 * answer to anything but the latest query is dropped. `ask` must be stable (useCallback):
 * a new one asks again.
 */
export function useDebouncedSearch<T>(query: string, ask: (query: string) => Promise<T>): DebouncedSearch<T> {
  const [result, setResult] = useState<{ query: string; value: T } | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, fail, clear] = useFailure();
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim().slice(0, 256);
    const mine = ++seq.current;
    if (q === '') {
      setResult(null);
      setPending(false);
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      ask(q).then(
        (value) => {
          if (seq.current !== mine) return; // a newer query was typed meanwhile
          clear();
          setResult({ query: q, value });
          setPending(false);
        },
        (e: unknown) => {
          if (seq.current !== mine) return;
          fail(e);
          setPending(false);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, ask, clear, fail]);

  return { result, pending, problem };
}
