import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/helpers/app.js';
import { FixedClock } from '../shared/clock.js';
import { cleanup } from './maintenance.task.js';

let t: TestApp;
const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
beforeAll(async () => {
  t = await testApp({ clock });
});
afterAll(() => t.close());

it('removes old sign-in attempts, expired sessions and stale idempotency keys, and keeps fresh ones', async () => {
  const c = await t.f.customer((await t.f.org()).id);
  await t.ctx.db.insertInto('login_attempts').values([
    { bucket: 'ip:1', at: new Date('2026-02-27T00:00:00Z'), success: false },
    { bucket: 'ip:1', at: new Date('2026-03-01T11:59:00Z'), success: false },
  ]).execute();
  await t.ctx.db.insertInto('sessions').values([
    { id_hash: 'old', user_id: c.id, csrf_token: 'x', expires_at: new Date('2026-03-01T11:00:00Z'), ip: null, user_agent: null },
    { id_hash: 'live', user_id: c.id, csrf_token: 'x', expires_at: new Date('2026-03-01T13:00:00Z'), ip: null, user_agent: null },
  ]).execute();
  await cleanup(t.ctx);
  const attempts = await t.ctx.db.selectFrom('login_attempts').select('at').where('bucket', '=', 'ip:1').execute();
  expect(attempts).toHaveLength(1);
  const sessions = await t.ctx.db.selectFrom('sessions').select('id_hash').where('user_id', '=', c.id).execute();
  expect(sessions.map((s) => s.id_hash)).toEqual(['live']);
});
