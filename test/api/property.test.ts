import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { as, testApp, type TestApp } from '../helpers/app.js';
import type { TestUser } from '../helpers/factories.js';

/** No input, however odd, produces a 5xx; every 4xx carries the one error body. */

const NUM_RUNS = 150;

let t: TestApp;
let customer: TestUser;
let agent: TestUser;
let key: string;

beforeAll(async () => {
  t = await testApp();
  const org = await t.f.org();
  customer = await t.f.customer(org.id);
  agent = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
  key = await t.f.ticket(customer);
});
afterAll(() => t.close());

function assertWellFormed(res: LightMyRequestResponse, what: string): void {
  if (res.statusCode >= 500) throw new Error(`${what} → ${res.statusCode}: ${res.body}`);
  if (res.statusCode < 400) return;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    throw new Error(`${what} → ${res.statusCode} without a JSON body: ${res.body}`);
  }
  const b = body as { error?: { code?: unknown; message?: unknown }; requestId?: unknown };
  if (typeof b.error?.code !== 'string' || typeof b.error.message !== 'string' || typeof b.requestId !== 'string') {
    throw new Error(`${what} → ${res.statusCode} without the error body: ${res.body}`);
  }
  if (!/^[A-Z_]+$/.test(b.error.code)) throw new Error(`${what}: odd error code ${b.error.code}`);
}

// Strings that tend to break things: NUL and other control characters, lone surrogates, astral
// characters, SQL and tsquery syntax, very long runs.
const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '😀🇷🇺',
  "'; DROP TABLE tickets; --",
  '!:*&|()<>\\',
  '%00',
  '%',
  'SUP-1',
  'SUP-99999999999999999999',
  'mcs0000000000',
  '1.2.3.4',
  '__proto__',
  'constructor',
  '-1e309',
  '1e309',
  '9'.repeat(400),
  'x'.repeat(5000),
  '',
  ' ',
  '\t\n\r',
);
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), nasty);
const hugeNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53, 2 ** 63, 1e300, -0));
const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    hugeNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const ticketFields = ['subject', 'description', 'type', 'priority', 'catalogueItemId', 'region', 'projectId', 'resourceIds', 'fields', 'channel', 'organizationId', 'requesterId'];
const updateFields = ['subject', 'type', 'priority', 'catalogueItemId', 'region', 'projectId', 'resourceIds', 'lineId', 'teamId', 'assigneeId', 'vendorId', 'version'];

/** Objects shaped roughly like the real input (known keys, wrong or odd values), or anything at all. */
const bodyFor = (fields: string[]) =>
  fc.oneof(
    fc.dictionary(fc.oneof(fc.constantFrom(...fields), anyString), jsonish, { maxKeys: 6 }),
    fc.record({ subject: anyString, description: anyString }, { requiredKeys: [] }),
    jsonish,
  );

/** A header value Node accepts (tab, visible ASCII, Latin-1), which is all an HTTP client can send. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)).map((c) => String.fromCharCode(c)), maxLength: 300 }),
  fc.constantFrom('"1"', 'W/"1"', '"0"', '"-1"', `"${'9'.repeat(40)}"`, '*', '""', 'W/', '1', '"1", "2"'),
);

function rawPayload(value: unknown, mode: 'json' | 'garbage', garbage: string): string {
  if (mode === 'garbage') return garbage;
  const s = JSON.stringify(value);
  return s === undefined ? 'null' : s;
}

/** Percent-encodes the UTF-8 bytes of s, or leaves it raw, or adds broken escapes. */
const queryPart = fc.oneof(
  anyString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'))),
  fc.constantFrom('%', '%zz', '%00', '%ff', '%ED%A0%80', '%C0%80', '+', '&', '=', '[]', '%5B%5D', 'a[b]=c', '..%2F'),
  fc.stringMatching(/^[A-Za-z0-9\-_.~!$'()*,;:@/?]{0,40}$/),
);
const knownQueryKeys = ['q', 'limit', 'cursor', 'status', 'priority', 'type', 'lineId', 'teamId', 'assigneeId', 'organizationId', 'catalogueItemId', 'requesterId', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'];
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...knownQueryKeys), queryPart), fc.oneof(queryPart, hugeNumber.map(String), fc.constantFrom('me', 'none', 'new', 'high', '-010000-01-01', '275760-09-13', '2024-02-30', '1e400'))), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

describe('property: no input produces a 5xx', () => {
  it('POST /api/tickets with arbitrary bodies and Idempotency-Key values', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyFor(ticketFields),
        fc.constantFrom('json', 'json', 'json', 'garbage') as fc.Arbitrary<'json' | 'garbage'>,
        anyString,
        fc.option(headerValue),
        fc.constantFrom('customer', 'agent') as fc.Arbitrary<'customer' | 'agent'>,
        async (body, mode, garbage, idem, who) => {
          const headers = as((who === 'customer' ? customer : agent).token, { 'content-type': 'application/json', ...(idem === null ? {} : { 'idempotency-key': idem }) });
          const res = await t.app.inject({ method: 'POST', url: '/api/tickets', headers, payload: rawPayload(body, mode, garbage) });
          assertWellFormed(res, `POST /api/tickets ${JSON.stringify(body)?.slice(0, 300)} idem=${JSON.stringify(idem)}`);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('PATCH /api/tickets/:key with arbitrary keys, bodies and If-Match values', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyFor(updateFields),
        fc.oneof(fc.constant(key), fc.constant(key.toLowerCase()), queryPart.map((p) => p || 'x')),
        fc.option(headerValue),
        async (body, ticketKey, ifMatch) => {
          const headers = as(agent.token, { 'content-type': 'application/json', ...(ifMatch === null ? {} : { 'if-match': ifMatch }) });
          const res = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${ticketKey}`, headers, payload: rawPayload(body, 'json', '') });
          assertWellFormed(res, `PATCH /api/tickets/${ticketKey} ${JSON.stringify(body)?.slice(0, 300)} if-match=${JSON.stringify(ifMatch)}`);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('GET /api/tickets and /api/search with arbitrary query strings', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, fc.constantFrom('/api/tickets', '/api/search'), fc.constantFrom('customer', 'agent') as fc.Arbitrary<'customer' | 'agent'>, async (qs, path, who) => {
        const res = await t.app.inject({ method: 'GET', url: `${path}?${qs}`, headers: as((who === 'customer' ? customer : agent).token) });
        assertWellFormed(res, `GET ${path}?${qs}`);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('known troublemakers are 4xx with the error body, not 5xx', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cases: Array<[string, InjectOptions]> = [
      ['NUL in subject', { method: 'POST', url: '/api/tickets', headers: as(customer.token), payload: { subject: 'a\u0000b', description: 'x' } }],
      ['NUL in a custom field name', { method: 'POST', url: '/api/tickets', headers: as(customer.token), payload: { subject: 'a', description: 'x', fields: { 'k\u0000': 1 } } }],
      ['NUL in Idempotency-Key', { method: 'POST', url: '/api/tickets', headers: as(customer.token, { 'idempotency-key': 'a\u0000b' }), payload: { subject: 'a', description: 'x' } }],
      ['NUL in search', { url: '/api/search?q=a%00b', headers: as(customer.token) }],
      ['cursor with a non-uuid id', { url: `/api/tickets?cursor=${cursor(['2024-01-01T00:00:00Z', 'x'])}`, headers: as(customer.token) }],
      ['cursor of the wrong shape', { url: `/api/tickets?cursor=${cursor({ a: 1 })}`, headers: as(customer.token) }],
      ['date before 4713 BC', { url: '/api/tickets?createdFrom=-010000-01-01T00:00:00Z', headers: as(customer.token) }],
      ['huge If-Match', { method: 'PATCH', url: `/api/tickets/${key}`, headers: as(agent.token, { 'if-match': `"${'9'.repeat(40)}"` }), payload: { priority: 'low' } }],
      ['huge version', { method: 'PATCH', url: `/api/tickets/${key}`, headers: as(agent.token), payload: { priority: 'low', version: 1e300 } }],
      ['huge key', { url: '/api/tickets/SUP-999999999999999999', headers: as(customer.token) }],
      ['prototype pollution', { method: 'POST', url: '/api/tickets', headers: as(customer.token, { 'content-type': 'application/json' }), payload: '{"subject":"a","description":"b","__proto__":{"x":1}}' }],
    ];
    for (const [name, req] of cases) {
      const res = await t.app.inject(req);
      assertWellFormed(res, name);
      expect(res.statusCode, `${name}: ${res.body}`).toBeLessThan(500);
    }
  });
});
