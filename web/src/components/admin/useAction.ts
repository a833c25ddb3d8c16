import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  done: boolean;
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
}

/** One admin save at a time: busy flag, the last error, and a "saved" flag for the confirmation. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await fn();
      setDone(true);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run };
}
