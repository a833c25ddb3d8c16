import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';
import { deliverWebhook } from './deliver-webhook.js';
import { isInternalAddress, publicOnlyLookup } from './target-guard.js';

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1',
    '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254',
  ])('%s is internal', (a) => expect(isInternalAddress(a)).toBe(true));
  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2a00:1450:4010::8a', '::ffff:8.8.8.8'])('%s is not', (a) => expect(isInternalAddress(a)).toBe(false));
});

it('the delivery lookup refuses a host name that resolves to an internal address', async () => {
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => publicOnlyLookup('localhost', {}, (e) => resolve(e)));
  expect(err?.code).toBe('EINTERNALTARGET');
  expect(err?.message).toMatch(/localhost resolves to an internal address/);
});

describe('webhook targets', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await testApp();
    admin = await t.f.staff({ role: 'admin' });
  });
  afterAll(() => t.close());

  it.each(['http://169.254.169.254/latest/meta-data', 'http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/hook', 'https://10.0.0.5/x', 'http://[::ffff:a9fe:a9fe]/'])(
    'an internal target %s is 400 on create and on edit, and nothing is saved',
    async (url) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as(admin.token), payload: { url, eventTypes: ['*'] } });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(json<{ error: { details: Array<{ field: string; message: string }> } }>(res).error.details[0]).toMatchObject({ field: 'body.url', message: expect.stringContaining('WEBHOOK_ALLOW_PRIVATE') });
      const ok = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as(admin.token), payload: { url: 'https://hooks.example.com/x', eventTypes: ['*'] } }));
      expectError(await t.app.inject({ method: 'PATCH', url: `/api/webhooks/${ok.id}`, headers: as(admin.token), payload: { url } }), 400, 'VALIDATION_FAILED');
      const row = await t.ctx.db.selectFrom('webhooks').select('url').where('id', '=', ok.id).executeTakeFirstOrThrow();
      expect(row.url).toBe('https://hooks.example.com/x');
    },
  );

  it('a delivery to an internal target saved earlier is refused without connecting', async () => {
    const hook = json<{ id: string }>(await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: as(admin.token), payload: { url: 'https://hooks.example.com/y', eventTypes: ['*'] } }));
    await t.ctx.db.updateTable('webhooks').set({ url: 'http://169.254.169.254/latest' }).where('id', '=', hook.id).execute();
    const event = await t.ctx.db.insertInto('events').values({ type: 'audit.checked', changes: '{}', data: '{}' }).returning('id').executeTakeFirstOrThrow();
    const d = await t.ctx.db.insertInto('webhook_deliveries').values({ webhook_id: hook.id, event_id: event.id, status: 'pending', created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
    await expect(deliverWebhook(t.ctx, d.id)).rejects.toThrow(/refused/);
    const row = await t.ctx.db.selectFrom('webhook_deliveries').select(['last_error', 'last_status_code']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_status_code: null, last_error: expect.stringContaining('must not target a private') });
  });
});
