import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/helpers/app.js';
import { eachLimited, JOB_SCHEMA } from './queue.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it('eachLimited keeps at most `limit` calls in flight and visits every item once', async () => {
  let inFlight = 0;
  let peak = 0;
  const seen: number[] = [];
  await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 5 * (n % 3)));
    seen.push(n);
    inFlight--;
  });
  expect(peak).toBe(3);
  expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  await eachLimited([], 4, async () => undefined);
});

it('a batch handler that throws falls back to one job at a time, and only the bad job fails', async () => {
  const queue = 'lines.shift_ended';
  const ids: string[] = [];
  await t.ctx.db.transaction().execute(async (trx) => {
    for (const n of [1, 2, 3]) ids.push((await t.ctx.jobs.send(trx, queue, { n })) as string);
  });
  const singles: number[] = [];
  await t.running.jobs.workBatch<{ n: number }>(
    queue,
    async (batch) => {
      if (batch.some((j) => j.data.n === 2)) throw new Error('one bad job spoils the batch');
    },
    async (data) => {
      singles.push(data.n);
      if (data.n === 2) throw new Error('bad job');
    },
    { batchSize: 10 },
  );
  const states = async () => {
    const res = await t.running.database.pool.query<{ id: string; state: string }>(`SELECT id, state FROM ${JOB_SCHEMA}.job WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(res.rows.map((r) => [r.id, r.state]));
  };
  const until = Date.now() + 15_000;
  let s = await states();
  while (s.get(ids[0] as string) !== 'completed' && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    s = await states();
  }
  await t.running.jobs.boss.offWork(queue);
  expect(s.get(ids[0] as string)).toBe('completed');
  expect(s.get(ids[2] as string)).toBe('completed');
  expect(['retry', 'failed']).toContain(s.get(ids[1] as string));
  expect(singles.sort()).toEqual([1, 2, 3]);
});
