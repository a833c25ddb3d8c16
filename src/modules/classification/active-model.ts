/**
 * The active model, cached in memory per database. Prediction must not touch the database, so the
 * cache asks which version is active at most every REFRESH_MS (one indexed single-row read) and
 * reloads only when that id changed — which is how a rollback or retraining in another process
 * reaches this one within a few seconds. A change made in this process refreshes at once.
 */
import type { Executor } from '../../db/executor.js';
import type { ClassifierModel } from './model.js';
import { activeModelId, decodeModel, modelParams } from './queries.js';

export const REFRESH_MS = 3000;

interface Entry {
  version: number | null;
  model: ClassifierModel | null;
  checkedAt: number;
  loading: Promise<void> | null;
}

// Keyed by the database handle (ctx.db): tests run several databases in one process.
const cache = new WeakMap<object, Entry>();

export interface ActiveModel {
  version: number;
  model: ClassifierModel;
}

/** The active model, or null when none is stored (classification is then skipped). */
export async function activeModel(key: object, exec: Executor, now = Date.now()): Promise<ActiveModel | null> {
  let entry = cache.get(key);
  if (!entry) {
    entry = { version: null, model: null, checkedAt: 0, loading: null };
    cache.set(key, entry);
  }
  if (now - entry.checkedAt >= REFRESH_MS || (entry.model === null && entry.version !== null)) {
    const e = entry;
    e.loading ??= (async () => {
      try {
        const id = await activeModelId(exec);
        if (id !== e.version || !e.model) {
          const params = id === null ? null : await modelParams(exec, id);
          e.model = params ? decodeModel(params) : null;
          e.version = params ? id : null;
        }
        e.checkedAt = Date.now();
      } finally {
        e.loading = null;
      }
    })();
    await e.loading;
  }
  return entry.model && entry.version !== null ? { version: entry.version, model: entry.model } : null;
}

/** Forget the cached version so the next call re-reads it (after activate/train in this process). */
export function invalidateActiveModel(key: object): void {
  const e = cache.get(key);
  if (e) e.checkedAt = 0;
}

/** Seeds the cache with a model already in memory (saves decoding the default on first start). */
export function primeActiveModel(key: object, version: number, model: ClassifierModel): void {
  cache.set(key, { version, model, checkedAt: Date.now(), loading: null });
}
