import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import { FixedClock } from '../../shared/clock.js';
import { sha256Hex } from '../../shared/ids.js';
import { hashPassword } from './passwords.js';
import { authenticateSession } from './authenticate.js';

const PASSWORD = 'correct horse battery staple';
const clock = new FixedClock(new Date('2031-03-14T09:00:00Z'));

let t: TestApp;
let org: { id: string };
let otherOrg: { id: string };

beforeAll(async () => {
  t = await testApp({ clock, env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCKOUT_MINUTES: '15', LOGIN_RATE_PER_MINUTE: '5' } });
  org = await t.f.org();
  otherOrg = await t.f.org();
});
afterAll(() => t.close());

// The per-address limit is 5 a minute on a clock that stands still: each sign-in gets its own address.
let ipSeq = 1;
const nextIp = () => `198.51.100.${ipSeq++}`;

interface Session {
  cookie: string;
  csrf: string;
}

function login(email: string, password: string, ip = nextIp()) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password } });
}

async function signIn(email: string, password = PASSWORD): Promise<Session> {
  const res = await login(email, password);
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'td_session');
  if (!cookie) throw new Error('no session cookie');
  return { cookie: cookie.value, csrf: json<{ csrfToken: string }>(res).csrfToken };
}

const withSession = (s: Session, csrf: string | null = s.csrf) => ({
  cookie: `td_session=${s.cookie}`,
  ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
});

const errorBody = (res: LightMyRequestResponse) => {
  const { requestId: _requestId, ...rest } = json<{ requestId: string }>(res);
  return rest;
};

describe('password sign-in and the session cookie', () => {
  it('sets an httpOnly, SameSite=Lax session cookie and stores only a hash of it', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const res = await login(`  ${c.email.toUpperCase()} `, PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = json<{ user: { id: string; email: string; kind: string; organization: { id: string } }; csrfToken: string }>(res);
    expect(body.user).toMatchObject({ id: c.id, email: c.email, kind: 'customer', organization: { id: org.id } });
    expect(body.csrfToken).toMatch(/^\S{16,}$/);

    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^td_session=[^;]{20,};/);
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\//);
    expect(header).not.toMatch(/;\s*Secure/i); // COOKIE_SECURE defaults to on in production only
    const cookie = res.cookies.find((k) => k.name === 'td_session');
    expect(cookie?.expires?.getTime()).toBe(clock.now().getTime() + 12 * 3_600_000);
    expect(res.body).not.toContain(cookie?.value);

    const stored = await t.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', c.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id_hash).toBe(sha256Hex(cookie?.value ?? ''));
    expect(JSON.stringify(stored)).not.toContain(cookie?.value);
  });

  it('marks the cookie Secure when COOKIE_SECURE is on', async () => {
    const secure = await testApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      const c = await secure.f.customer((await secure.f.org()).id, { password: PASSWORD });
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: c.email, password: PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  }, 120_000); // boots a second app

  it('GET /api/auth/me answers with the cookie, 401 without it or with a forged one', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `td_session=${s.cookie}` } });
    expect(me.statusCode).toBe(200);
    expect(json<{ user: { id: string }; csrfToken: string }>(me)).toMatchObject({ user: { id: c.id }, csrfToken: s.csrf });
    expectError(await t.app.inject({ url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ url: '/api/auth/me', headers: { cookie: 'td_session=forged-session-value' } }), 401, 'UNAUTHENTICATED');
    const byToken = await t.app.inject({ url: '/api/auth/me', headers: as(c.token) });
    expect(json<{ csrfToken: string | null }>(byToken).csrfToken).toBeNull();
  });

  it('a session expires after SESSION_TTL_HOURS', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    const local = new FixedClock(clock.now());
    const ctx = { ...t.ctx, clock: local };
    expect(await authenticateSession(ctx, s.cookie)).not.toBeNull();
    local.advance(12 * 3_600_000);
    expect(await authenticateSession(ctx, s.cookie)).toBeNull();
  });

  it('a state change with the cookie needs the x-csrf-token header', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    const payload = { subject: 'Load balancer drops connections', description: 'Since 10:00 UTC' };
    expectError(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: withSession(s, null), payload }), 403, 'CSRF_FAILED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: withSession(s, `${s.csrf}x`), payload }), 403, 'CSRF_FAILED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: withSession(s, ''), payload }), 403, 'CSRF_FAILED');
    const ok = await t.app.inject({ method: 'POST', url: '/api/tickets', headers: withSession(s), payload });
    expect(ok.statusCode).toBe(201);
    expect(json<{ channel: string }>(ok).channel).toBe('portal');
    // Reads need no token.
    expect((await t.app.inject({ url: '/api/tickets', headers: withSession(s, null) })).statusCode).toBe(200);
  });

  it('logout needs the CSRF token, deletes the session and clears the cookie', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: withSession(s, null) }), 403, 'CSRF_FAILED');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: withSession(s) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^td_session=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/i);
    expectError(await t.app.inject({ url: '/api/auth/me', headers: withSession(s, null) }), 401, 'UNAUTHENTICATED');
    expect(await t.ctx.db.selectFrom('sessions').select('id_hash').where('user_id', '=', c.id).execute()).toEqual([]);
    // Logging out twice, or without a session, is harmless.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('rejects malformed sign-in input with 400 and the error body', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextIp(), payload: { email: 'a@b.c' } });
    expectError(bad, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: Array<{ field: string }> } }>(bad).error.details.map((d) => d.field)).toContain('body.password');
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a@b.c', password: '' } }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: ['a@b.c'], password: 1 } }), 400, 'VALIDATION_FAILED');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expectError(malformed, 400, 'MALFORMED_BODY');
  });
});

describe('failed sign-ins', () => {
  it('a wrong password and an unknown e-mail get the same 401 INVALID_CREDENTIALS body', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const wrong = await login(c.email, 'not the password');
    expectError(wrong, 401, 'INVALID_CREDENTIALS');
    const unknown = await login('nobody-here@example.com', 'not the password');
    expectError(unknown, 401, 'INVALID_CREDENTIALS');
    expect(errorBody(unknown)).toEqual(errorBody(wrong));
    expect(wrong.cookies).toEqual([]);
    const noPassword = await t.f.customer(org.id); // invited, never set a password
    expect(errorBody(await login(noPassword.email, 'anything'))).toEqual(errorBody(wrong));
  });

  it(`locks the account after LOGIN_MAX_FAILURES failures, even for the right password, until the lockout ends`, async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    expectError(await login(c.email, 'guess-1'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(c.email, 'guess-2'), 401, 'INVALID_CREDENTIALS');
    const third = await login(c.email, 'guess-3');
    expectError(third, 423, 'ACCOUNT_LOCKED');
    const until = new Date(clock.now().getTime() + 15 * 60_000).toISOString();
    expect(json<{ error: { details: { lockedUntil: string } } }>(third).error.details.lockedUntil).toBe(until);
    expectError(await login(c.email, PASSWORD), 423, 'ACCOUNT_LOCKED');

    clock.advance(15 * 60_000 - 1_000);
    expectError(await login(c.email, PASSWORD), 423, 'ACCOUNT_LOCKED');
    clock.advance(1_000);
    expect((await login(c.email, PASSWORD)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the failure count', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    await login(c.email, 'guess-1');
    await login(c.email, 'guess-2');
    await signIn(c.email);
    expectError(await login(c.email, 'guess-3'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(c.email, 'guess-4'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(c.email, 'guess-5'), 423, 'ACCOUNT_LOCKED');
  });

  it('parallel wrong guesses are all counted', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => login(c.email, `parallel-guess-${i}`)));
    for (const r of results) expect([401, 423]).toContain(r.statusCode);
    expectError(await login(c.email, PASSWORD), 423, 'ACCOUNT_LOCKED');
  });

  it('limits sign-in attempts per client address with 429 RATE_LIMITED, for a minute', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const ip = nextIp();
    for (let i = 0; i < 5; i++) expectError(await login(`unknown-${i}@example.com`, 'x', ip), 401, 'INVALID_CREDENTIALS');
    expectError(await login(c.email, PASSWORD, ip), 429, 'RATE_LIMITED');
    expect((await login(c.email, PASSWORD, nextIp())).statusCode).toBe(200);
    clock.advance(61_000);
    expect((await login(c.email, PASSWORD, ip)).statusCode).toBe(200);
  });

  it('demo users cannot sign in when demo mode is off', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    await t.ctx.db.updateTable('users').set({ is_demo: true }).where('id', '=', c.id).execute();
    const demo = await login(c.email, PASSWORD);
    expectError(demo, 401, 'INVALID_CREDENTIALS');
    await t.ctx.db.updateTable('users').set({ is_demo: false }).where('id', '=', c.id).execute();
    expect((await login(c.email, PASSWORD)).statusCode).toBe(200);
  });

  it('integration and disabled users cannot sign in with a password', async () => {
    const integration = await t.ctx.db
      .insertInto('users')
      .values({ email: `int-${ipSeq}@integrations.invalid`, name: 'Monitoring', kind: 'integration', password_hash: await hashPassword(PASSWORD), locale: 'en' })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
    expectError(await login(integration.email, PASSWORD), 401, 'INVALID_CREDENTIALS');
    const c = await t.f.customer(org.id, { password: PASSWORD });
    await t.ctx.db.updateTable('users').set({ disabled_at: clock.now() }).where('id', '=', c.id).execute();
    expectError(await login(c.email, PASSWORD), 401, 'INVALID_CREDENTIALS');
    expectError(await t.app.inject({ url: '/api/auth/me', headers: as(c.token) }), 401, 'UNAUTHENTICATED');
  });
});

describe('API tokens', () => {
  interface Issued {
    token: string;
    item: { id: string; prefix: string; scopes: string[]; revokedAt: string | null };
  }
  const issue = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers, payload });

  it('issues a token once, stores only its hash, lists it without the secret, and revokes it', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    const res = await issue(withSession(s), { name: 'CI pipeline', scopes: ['read', 'write'] });
    expect(res.statusCode).toBe(201);
    const { token, item } = json<Issued>(res);
    expect(token).toMatch(/^td_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/);
    expect(token.startsWith(`td_${item.prefix}_`)).toBe(true);

    const row = await t.ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(12));

    const list = await t.app.inject({ url: '/api/auth/tokens', headers: withSession(s, null) });
    expect(list.statusCode).toBe(200);
    expect(json<{ items: Array<{ id: string }> }>(list).items.map((i) => i.id)).toContain(item.id);
    expect(list.body).not.toContain(token.slice(12));

    const me = await t.app.inject({ url: '/api/auth/me', headers: as(token) });
    expect(json<{ user: { id: string } }>(me).user.id).toBe(c.id);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${item.id}`, headers: withSession(s) })).statusCode).toBe(204);
    expectError(await t.app.inject({ url: '/api/auth/me', headers: as(token) }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${item.id}`, headers: withSession(s) }), 404, 'TOKEN_NOT_FOUND');
    const after = json<{ items: Array<{ id: string; revokedAt: string | null }> }>(await t.app.inject({ url: '/api/auth/tokens', headers: as(c.token) }));
    expect(after.items.find((i) => i.id === item.id)?.revokedAt).toBe(clock.now().toISOString());
  });

  it('token endpoints: 401 anonymous, 404 for somebody else’s token, 400 on bad input', async () => {
    const c = await t.f.customer(org.id);
    const stranger = await t.f.customer(otherOrg.id);
    const mine = json<Issued>(await issue(as((await t.f.staff({ role: 'admin' })).token), { name: 'x', scopes: ['read'] })).item;
    expectError(await t.app.inject({ url: '/api/auth/tokens' }), 401, 'UNAUTHENTICATED');
    expectError(await issue({}, { name: 'x', scopes: ['read'] }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${mine.id}` }), 401, 'UNAUTHENTICATED');
    expectError(await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${mine.id}`, headers: as(stranger.token) }), 404, 'TOKEN_NOT_FOUND');
    const others = json<{ items: Array<{ id: string }> }>(await t.app.inject({ url: '/api/auth/tokens', headers: as(stranger.token) }));
    expect(others.items.map((i) => i.id)).not.toContain(mine.id);
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/auth/tokens/not-a-uuid', headers: as(c.token) }), 400, 'VALIDATION_FAILED');
    const admin = await t.f.staff({ role: 'admin' });
    for (const payload of [{ name: '', scopes: ['read'] }, { name: 'x', scopes: [] }, { name: 'x', scopes: ['root'] }, { name: 'x', scopes: ['read'], expiresAt: 'soon' }]) {
      expectError(await issue(as(admin.token), payload), 400, 'VALIDATION_FAILED');
    }
  });

  it('a read-only token may read but not write', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    const { token } = json<Issued>(await issue(withSession(s), { name: 'dashboard', scopes: ['read'] }));
    expect((await t.app.inject({ url: '/api/tickets', headers: as(token) })).statusCode).toBe(200);
    expectError(await t.app.inject({ method: 'POST', url: '/api/tickets', headers: as(token), payload: { subject: 'x', description: 'y' } }), 403, 'FORBIDDEN');
    expectError(await issue(as(token), { name: 'escalate', scopes: ['read'] }), 403, 'FORBIDDEN');
  });

  it('only an admin may mint an admin-scoped token, and a token without the admin scope mints nothing', async () => {
    const agent = await t.f.staff({ password: PASSWORD });
    const s = await signIn(agent.email);
    expectError(await issue(withSession(s), { name: 'root', scopes: ['admin'] }), 403, 'FORBIDDEN');
    expectError(await issue(as(agent.token), { name: 'more', scopes: ['read'] }), 403, 'FORBIDDEN');
    const admin = await t.f.staff({ role: 'admin', password: PASSWORD });
    const adminSession = await signIn(admin.email);
    const res = await issue(withSession(adminSession), { name: 'ops', scopes: ['admin'] });
    expect(res.statusCode).toBe(201);
    expect(json<Issued>(res).item.scopes).toEqual(['admin']);
  });

  it('an admin issues tokens for integration users only; unknown users are 404', async () => {
    const admin = await t.f.staff({ role: 'admin' });
    const integration = await t.ctx.db
      .insertInto('users')
      .values({ email: `mon-${ipSeq++}@integrations.invalid`, name: 'Monitoring', kind: 'integration', locale: 'en' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ok = await issue(as(admin.token), { name: 'monitoring', scopes: ['read', 'write'], userId: integration.id });
    expect(ok.statusCode).toBe(201);
    const me = await t.app.inject({ url: '/api/auth/me', headers: as(json<Issued>(ok).token) });
    expect(json<{ user: { id: string; kind: string } }>(me).user).toEqual(expect.objectContaining({ id: integration.id, kind: 'integration' }));
    const c = await t.f.customer(org.id);
    expectError(await issue(as(admin.token), { name: 'impersonate', scopes: ['read'], userId: c.id }), 400, 'VALIDATION_FAILED');
    expectError(await issue(as(admin.token), { name: 'ghost', scopes: ['read'], userId: '6f1c7a4e-1b0e-4a53-9a0a-6a3b7c1f2d3e' }), 404, 'USER_NOT_FOUND');
    expectError(await issue(as(c.token), { name: 'x', scopes: ['read'], userId: integration.id }), 403, 'FORBIDDEN');
  });

  it('an expired token is refused; an expiry in the past (or out of range) is bad input', async () => {
    const admin = await t.f.staff({ role: 'admin' });
    const expiresAt = new Date(clock.now().getTime() + 60 * 60_000).toISOString();
    const { token } = json<Issued>(await issue(as(admin.token), { name: 'short', scopes: ['read'], expiresAt }));
    expect((await t.app.inject({ url: '/api/auth/me', headers: as(token) })).statusCode).toBe(200);
    clock.advance(60 * 60_000);
    expectError(await t.app.inject({ url: '/api/auth/me', headers: as(token) }), 401, 'UNAUTHENTICATED');
    expectError(await issue(as(admin.token), { name: 'past', scopes: ['read'], expiresAt: '2001-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
    expectError(await issue(as(admin.token), { name: 'bc', scopes: ['read'], expiresAt: '-010000-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED');
  });

  it('a malformed or unknown bearer token is 401, never a fallback to the cookie', async () => {
    const c = await t.f.customer(org.id, { password: PASSWORD });
    const s = await signIn(c.email);
    for (const authorization of ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `Bearer td_AAAAAAAA_${'x'.repeat(30)}`, 'Bearer a b']) {
      expectError(await t.app.inject({ url: '/api/auth/me', headers: { authorization, cookie: `td_session=${s.cookie}` } }), 401, 'UNAUTHENTICATED');
    }
  });
});
