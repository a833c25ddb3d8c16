import { now, summarize, type Summary } from './stats.js';

export interface LoadResult {
  ops: number;
  seconds: number;
  perSecond: number;
  latency: Summary;
  errors: number;
  firstError?: string;
}

/**
 * A closed loop: `concurrency` callers each run `op` back to back. Operations that start during the
 * warm-up are not counted; counting stops at warm-up + duration (in-flight ones finish uncounted).
 */
export async function closedLoop(op: (worker: number) => Promise<void>, opts: { concurrency: number; warmupMs: number; durationMs: number }): Promise<LoadResult> {
  const start = now();
  const measureFrom = start + opts.warmupMs;
  const measureTo = measureFrom + opts.durationMs;
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (w: number) => {
    for (;;) {
      const t0 = now();
      if (t0 >= measureTo) return;
      try {
        await op(w);
        const t1 = now();
        if (t0 >= measureFrom && t1 <= measureTo) samples.push(t1 - t0);
      } catch (err) {
        errors++;
        firstError ??= String(err);
        if (errors > 100) throw new Error(`too many errors, first: ${firstError}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  const seconds = opts.durationMs / 1000;
  return { ops: samples.length, seconds, perSecond: samples.length / seconds, latency: summarize(samples), errors, ...(firstError ? { firstError } : {}) };
}

/** `runs` sequential calls after `warmup` unmeasured ones: latency of one request on an idle server. */
export async function sequential(op: (i: number) => Promise<void>, opts: { runs: number; warmup: number }): Promise<Summary> {
  for (let i = 0; i < opts.warmup; i++) await op(i);
  const samples: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = now();
    await op(i);
    samples.push(now() - t0);
  }
  return summarize(samples);
}
