import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/helpers/app.js';

let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

/** Sends raw bytes as written (no client library would send them) and reads until the server closes. */
function raw(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, '127.0.0.1', () => s.end(bytes));
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    s.on('error', reject);
  });
}

it('a request the HTTP parser rejects (raw UTF-8 in the URL) gets the JSON error body, not a bare 400', async () => {
  const res = await raw(Buffer.concat([Buffer.from('GET /api/tickets?q='), Buffer.from('сервер', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
  const [head, body] = res.split('\r\n\r\n');
  expect(head).toMatch(/^HTTP\/1\.1 400 /);
  expect(head).toContain('application/json; charset=utf-8');
  expect(JSON.parse(body ?? '')).toMatchObject({ error: { code: 'MALFORMED_BODY', message: expect.stringContaining('percent-encoded') }, requestId: expect.any(String) });
});

it('the same query percent-encoded is served normally (401 without a session)', async () => {
  const res = await raw(Buffer.from(`GET /api/tickets?q=${encodeURIComponent('сервер')} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
  expect(res).toMatch(/^HTTP\/1\.1 401 /);
});
