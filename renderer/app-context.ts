// Why: any request can come back `locked` (the vault locked itself between two clicks), and
// then every screen must give way to the lock screen at once. Screens report failures
// through useFailure(), which turns them into a Problem and routes `locked` to the app.
import { createContext, useCallback, useContext, useState } from 'react';
import { describeProblem, type Problem } from './errors';

export interface AppContextValue {
  /** Main answered `locked`: drop everything and show the lock screen. */
  onLocked(): void;
}

export const AppContext = createContext<AppContextValue>({ onLocked: () => {} });

export function useFailure(): [Problem | null, (error: unknown) => Problem, () => void] {
  const { onLocked } = useContext(AppContext);
  const [problem, setProblem] = useState<Problem | null>(null);
  const fail = useCallback(
    (error: unknown) => {
      const p = describeProblem(error);
      if (p.code === 'locked') onLocked();
      else setProblem(p);
      return p;
    },
    [onLocked],
  );
  const clear = useCallback(() => setProblem(null), []);
  return [problem, fail, clear];
}
