import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, expectError, json, testApp, type TestApp } from '../../../test/helpers/app.js';
import type { TestUser } from '../../../test/helpers/factories.js';

const MiB = 1024 * 1024;
const LIMIT = 32 * MiB;

let t: TestApp;
let base: string;
let org: { id: string };
let customer: TestUser;
let colleague: TestUser;
let stranger: TestUser;
let l1: TestUser;

beforeAll(async () => {
  t = await testApp({ env: { ATTACHMENT_MAX_BYTES: String(LIMIT) } });
  // app.inject buffers the whole payload; streaming behaviour needs a real socket.
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  org = await t.f.org();
  const otherOrg = await t.f.org();
  customer = await t.f.customer(org.id);
  colleague = await t.f.customer(org.id);
  stranger = await t.f.customer(otherOrg.id);
  l1 = await t.f.staff({ lines: ['L1'], teams: ['L1-DUTY'] });
});
afterAll(async () => {
  // A client may finish reading a Content-Length body a moment before the server marks the response
  // done; server.close() then keeps that keep-alive socket until its timeout. All requests are over here.
  t.app.server.closeAllConnections();
  await t.close();
});

interface AttachmentBody {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  visibility: string;
  messageId: string | null;
  createdAt: string;
}

const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

function upload(token: string | null, key: string, payload: Buffer | string, opts: { type?: string; query?: Record<string, string> } = {}) {
  const query = new URLSearchParams({ fileName: 'file.bin', ...opts.query });
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'application/octet-stream' };
  return t.app.inject({ method: 'POST', url: `/api/tickets/${key}/attachments?${query}`, headers: token ? as(token, headers) : headers, payload });
}

const list = (token: string | null, key: string, qs = '') =>
  t.app.inject({ url: `/api/tickets/${key}/attachments${qs}`, headers: token ? as(token) : {} });
const download = (token: string | null, key: string, id: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url: `/api/tickets/${key}/attachments/${id}`, headers: token ? as(token, headers) : headers });

/** Every file under the blob directory, temporary ones included. */
function blobFiles(): string[] {
  const root = path.join(t.ctx.config.dataDir, 'blobs');
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile());
}

/**
 * A body produced chunk by chunk as the socket drains, never held whole. Chunks are views of one random
 * pool at shifting offsets, so the client allocates next to nothing and the memory figure is the server's.
 */
function generated(totalBytes: number, onChunk?: (sent: number) => void): { stream: ReadableStream<Uint8Array>; digest: () => string } {
  const chunkBytes = 64 * 1024;
  const pool = crypto.randomBytes(MiB);
  const hash = crypto.createHash('sha256');
  let sent = 0;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) {
        controller.close();
        return;
      }
      const n = Math.min(chunkBytes, totalBytes - sent);
      const offset = (i++ * 7919) % (pool.length - chunkBytes);
      const chunk = pool.subarray(offset, offset + n);
      hash.update(chunk);
      sent += n;
      onChunk?.(sent);
      controller.enqueue(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

function streamUpload(token: string, key: string, body: ReadableStream<Uint8Array>, fileName: string) {
  // `duplex` is required by fetch for a stream body but missing from the DOM typings.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
  };
  return fetch(`${base}/api/tickets/${key}/attachments?${new URLSearchParams({ fileName })}`, init);
}

describe('POST /api/tickets/:key/attachments', () => {
  it('stores the bytes, answers with the checksum and records the event', async () => {
    const key = await t.f.ticket(customer);
    const bytes = crypto.randomBytes(200_000);
    const res = await upload(customer.token, key, bytes, { query: { fileName: 'dump.bin' } });
    expect(res.statusCode).toBe(201);
    const a = json<AttachmentBody>(res);
    expect(a).toMatchObject({ fileName: 'dump.bin', contentType: 'application/octet-stream', sizeBytes: bytes.length, sha256: sha256(bytes), visibility: 'public', messageId: null });

    const got = await download(colleague.token, key, a.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(sha256(got.rawPayload)).toBe(a.sha256);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-length']).toBe(String(bytes.length));
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers.etag).toBe(`"${a.sha256}"`);
    expect(got.headers['content-disposition']).toBe(`attachment; filename="dump.bin"; filename*=UTF-8''dump.bin`);

    const again = await download(colleague.token, key, a.id, { 'if-none-match': `"${a.sha256}"` });
    expect(again.statusCode).toBe(304);

    const events = await t.ctx.db.selectFrom('events').select(['type', 'visibility', 'data']).where('type', '=', 'ticket.attachment_added').execute();
    expect(events.some((e) => (e.data as { attachmentId?: string }).attachmentId === a.id && e.visibility === 'public')).toBe(true);
    const timeline = json<{ items: Array<{ kind: string; type?: string }> }>(await t.app.inject({ url: `/api/tickets/${key}/timeline`, headers: as(customer.token) }));
    expect(timeline.items.some((i) => i.type === 'ticket.attachment_added')).toBe(true);
  });

  it('keeps a JSON file byte for byte instead of parsing it', async () => {
    const key = await t.f.ticket(customer);
    const text = '{"broken": json, }\n';
    const res = await upload(customer.token, key, text, { type: 'application/json; charset=utf-8', query: { fileName: 'config.json' } });
    expect(res.statusCode).toBe(201);
    const a = json<AttachmentBody>(res);
    expect(a.contentType).toBe('application/json');
    const got = await download(customer.token, key, a.id);
    expect(got.body).toBe(text);
    expect(got.headers['content-type']).toBe('application/json');
  });

  it('keeps a Cyrillic file name and encodes it for the download (RFC 5987)', async () => {
    const key = await t.f.ticket(customer);
    const name = 'Отчёт о сбое (ВМ #2).txt';
    const res = await upload(customer.token, key, 'журнал', { type: 'text/plain', query: { fileName: name } });
    expect(res.statusCode).toBe(201);
    const a = json<AttachmentBody>(res);
    expect(a.fileName).toBe(name);
    const got = await download(customer.token, key, a.id);
    const disposition = got.headers['content-disposition'] as string;
    const star = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1];
    expect(star).toBeDefined();
    expect(star).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(decodeURIComponent(star ?? '')).toBe(name);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+";/);
    expect(got.body).toBe('журнал');
  });

  it('streams a 30 MB upload without holding it in memory', async () => {
    const key = await t.f.ticket(customer);
    // Warm up sockets, fetch and the heap first, so the figure below is the upload's and not start-up's.
    expect((await streamUpload(customer.token, key, generated(4 * MiB).stream, 'warm-up.bin')).status).toBe(201);

    const size = 30 * MiB;
    const tmpDir = path.join(t.ctx.config.dataDir, 'blobs', 'tmp');
    let onDiskMidway = -1;
    const body = generated(size, (sent) => {
      if (onDiskMidway < 0 && sent >= 24 * MiB) {
        onDiskMidway = Math.max(0, ...fs.readdirSync(tmpDir).map((f) => fs.statSync(path.join(tmpDir, f)).size));
      }
    });
    // Every chunk is garbage once written; without collections RSS would measure the GC's patience,
    // not what the upload holds. A young-generation collection before each sample frees those chunks.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (opts?: { type: 'minor' | 'major' }) => void;
    gc({ type: 'major' });
    const js = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
    const start = process.memoryUsage();
    const before = start.rss;
    let peak = before;
    let jsPeak = js(start);
    const sampler = setInterval(() => {
      gc({ type: 'minor' });
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      jsPeak = Math.max(jsPeak, js(m));
    }, 10);
    try {
      const res = await streamUpload(customer.token, key, body.stream, 'big.bin');
      expect(res.status).toBe(201);
      const a = (await res.json()) as AttachmentBody;
      expect(a.sizeBytes).toBe(size);
      expect(a.sha256).toBe(body.digest());
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - before;
    const jsGrowth = jsPeak - js(start);
    process.stdout.write(
      `attachments: 30 MiB upload, rss ${(before / MiB).toFixed(1)} → peak ${(peak / MiB).toFixed(1)} MiB (+${(growth / MiB).toFixed(1)} MiB), ` +
        `heap+buffers +${(jsGrowth / MiB).toFixed(1)} MiB; ${(onDiskMidway / MiB).toFixed(1)} MiB on disk when 24 MiB were sent\n`,
    );
    // The bytes reach the disk while the client is still sending: proof of streaming that GC timing cannot blur.
    expect(onDiskMidway).toBeGreaterThan(8 * MiB);
    // Buffering would hold the whole file in JS memory (buffers), so that is the figure bounded tightly.
    // RSS also carries the allocator's working set for socket reads — about 25 MiB in a small process and
    // the same for a 90 MiB file — so it only gets a sanity bound that buffering (file + that) would still break.
    expect(jsGrowth).toBeLessThan(size / 2);
    expect(growth).toBeLessThan(size * 1.5);

    const res = await fetch(`${base}/api/tickets/${key}/attachments`, { headers: { authorization: `Bearer ${customer.token}` } });
    const item = ((await res.json()) as { items: AttachmentBody[] }).items.find((i) => i.fileName === 'big.bin');
    const got = await fetch(`${base}/api/tickets/${key}/attachments/${item?.id ?? ''}`, { headers: { authorization: `Bearer ${customer.token}` } });
    expect(got.headers.get('content-length')).toBe(String(size));
    const hash = crypto.createHash('sha256');
    const reader = got.body?.getReader();
    for (let r = await reader?.read(); r && !r.done; r = await reader?.read()) hash.update(r.value);
    expect(hash.digest('hex')).toBe(item?.sha256);
  });

  it('refuses a stream over the limit with 413 and leaves nothing behind', async () => {
    const key = await t.f.ticket(customer);
    const filesBefore = blobFiles();
    const res = await streamUpload(customer.token, key, generated(LIMIT + MiB).stream, 'huge.bin');
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(blobFiles()).toEqual(filesBefore);
    const rows = await t.ctx.db.selectFrom('attachments').innerJoin('tickets', 'tickets.id', 'attachments.ticket_id').select('attachments.id').where('tickets.key', '=', key).execute();
    expect(rows).toEqual([]);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const key = await t.f.ticket(customer);
    const res = await fetch(`${base}/api/tickets/${key}/attachments?fileName=x.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(LIMIT + 1),
    });
    expect(res.status).toBe(413);
  });

  it('refuses types outside the allow-list with 415 and leaves nothing behind', async () => {
    const key = await t.f.ticket(customer);
    const filesBefore = blobFiles();
    expectError(await upload(customer.token, key, '<svg onload="alert(1)"/>', { type: 'image/svg+xml', query: { fileName: 'x.svg' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await upload(customer.token, key, '<html>', { type: 'text/html', query: { fileName: 'x.html' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(blobFiles()).toEqual(filesBefore);
  });

  it('answers 400 for a missing or unsafe file name and other bad input', async () => {
    const key = await t.f.ticket(customer);
    const bad = async (query: Record<string, string>, field: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/tickets/${key}/attachments?${new URLSearchParams(query)}`,
        headers: as(customer.token, { 'content-type': 'text/plain' }),
        payload: 'x',
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(json<{ error: { details: Array<{ field: string }> } }>(res).error.details.map((d) => d.field)).toContain(field);
    };
    await bad({}, 'querystring.fileName');
    await bad({ fileName: '' }, 'querystring.fileName');
    await bad({ fileName: '../x' }, 'querystring.fileName');
    await bad({ fileName: '..\\..\\boot.ini' }, 'querystring.fileName');
    await bad({ fileName: '..' }, 'querystring.fileName');
    await bad({ fileName: 'a\u0000b.txt' }, 'querystring.fileName');
    await bad({ fileName: 'a\r\nSet-Cookie: x.txt' }, 'querystring.fileName');
    await bad({ fileName: 'invoice\u202etxt.exe' }, 'querystring.fileName');
    await bad({ fileName: `${'a'.repeat(252)}.txt` }, 'querystring.fileName');
    await bad({ fileName: 'ok.txt', visibility: 'secret' }, 'querystring.visibility');
    await bad({ fileName: 'ok.txt', messageId: 'nope' }, 'querystring.messageId');
    await bad({ fileName: 'ok.txt', messageId: crypto.randomUUID() }, 'querystring.messageId');
    expect((await upload(customer.token, key, 'x', { type: 'text/plain', query: { fileName: `${'a'.repeat(251)}.txt` } })).statusCode).toBe(201);
  });

  it('attaches to a message of the same request only; a file on an internal note is internal', async () => {
    const key = await t.f.ticket(customer);
    const other = await t.f.ticket(customer);
    const reply = await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(customer.token), payload: { body: 'logs attached' } });
    const note = await t.app.inject({ method: 'POST', url: `/api/tickets/${key}/messages`, headers: as(l1.token), payload: { body: 'note', visibility: 'internal' } });
    const replyId = json<{ id: string }>(reply).id;
    const noteId = json<{ id: string }>(note).id;
    const ok = await upload(customer.token, key, 'log', { type: 'text/plain', query: { fileName: 'a.log', messageId: replyId } });
    expect(json<AttachmentBody>(ok).messageId).toBe(replyId);
    expectError(await upload(customer.token, other, 'log', { type: 'text/plain', query: { fileName: 'a.log', messageId: replyId } }), 400);
    expectError(await upload(customer.token, key, 'log', { type: 'text/plain', query: { fileName: 'a.log', messageId: noteId } }), 400);
    expectError(await upload(l1.token, key, 'log', { type: 'text/plain', query: { fileName: 'a.log', messageId: noteId } }), 400);
    const internal = await upload(l1.token, key, 'log', { type: 'text/plain', query: { fileName: 'a.log', messageId: noteId, visibility: 'internal' } });
    expect(internal.statusCode).toBe(201);
  });

  it('refuses uploads to a closed request with 409', async () => {
    const key = await t.f.ticket(customer);
    await t.ctx.db.updateTable('tickets').set({ status: 'closed' }).where('key', '=', key).execute();
    expectError(await upload(customer.token, key, 'x', { type: 'text/plain' }), 409, 'INVALID_TRANSITION');
  });
});

describe('access', () => {
  it('anonymous callers get 401 on every endpoint', async () => {
    const key = await t.f.ticket(customer);
    const a = json<AttachmentBody>(await upload(customer.token, key, 'x', { type: 'text/plain' }));
    expectError(await upload(null, key, 'x', { type: 'text/plain' }), 401, 'UNAUTHENTICATED');
    // Before the type check: an anonymous caller learns nothing about what is accepted.
    expectError(await upload(null, key, 'x', { type: 'text/html' }), 401, 'UNAUTHENTICATED');
    expectError(await list(null, key), 401, 'UNAUTHENTICATED');
    expectError(await download(null, key, a.id), 401, 'UNAUTHENTICATED');
  });

  it('another organisation gets 404 on every endpoint', async () => {
    const key = await t.f.ticket(customer);
    const a = json<AttachmentBody>(await upload(customer.token, key, 'x', { type: 'text/plain' }));
    expectError(await upload(stranger.token, key, 'x', { type: 'text/plain' }), 404, 'TICKET_NOT_FOUND');
    expectError(await list(stranger.token, key), 404, 'TICKET_NOT_FOUND');
    expectError(await download(stranger.token, key, a.id), 404, 'TICKET_NOT_FOUND');
    // An attachment id from another request does not leak through a request the caller can see.
    const own = await t.f.ticket(stranger);
    expectError(await download(stranger.token, own, a.id), 404, 'ATTACHMENT_NOT_FOUND');
  });

  it('customers never see internal files and may not upload them', async () => {
    const key = await t.f.ticket(customer);
    const pub = json<AttachmentBody>(await upload(customer.token, key, 'public', { type: 'text/plain', query: { fileName: 'pub.txt' } }));
    const res = await upload(l1.token, key, 'internal', { type: 'text/plain', query: { fileName: 'int.txt', visibility: 'internal' } });
    expect(res.statusCode).toBe(201);
    const internal = json<AttachmentBody>(res);
    expect(json<{ items: AttachmentBody[] }>(await list(customer.token, key)).items.map((i) => i.id)).toEqual([pub.id]);
    expect(json<{ items: AttachmentBody[] }>(await list(l1.token, key)).items.map((i) => i.id)).toEqual([pub.id, internal.id]);
    expectError(await download(customer.token, key, internal.id), 404, 'ATTACHMENT_NOT_FOUND');
    expect((await download(l1.token, key, internal.id)).body).toBe('internal');
    expectError(await upload(customer.token, key, 'x', { type: 'text/plain', query: { fileName: 'x.txt', visibility: 'internal' } }), 403, 'FORBIDDEN');
  });

  it('a vendor gets 404 until the request is handed over, then public files only', async () => {
    const vendor = await t.f.vendor();
    const key = await t.f.ticket(customer, { type: 'vendor' });
    const pub = json<AttachmentBody>(await upload(customer.token, key, 'public', { type: 'text/plain' }));
    const internal = json<AttachmentBody>(await upload(l1.token, key, 'internal', { type: 'text/plain', query: { fileName: 'i.txt', visibility: 'internal' } }));
    expectError(await upload(vendor.token, key, 'x', { type: 'text/plain' }), 404, 'TICKET_NOT_FOUND');
    expectError(await list(vendor.token, key), 404, 'TICKET_NOT_FOUND');
    expectError(await download(vendor.token, key, pub.id), 404, 'TICKET_NOT_FOUND');

    const handed = await t.app.inject({ method: 'PATCH', url: `/api/tickets/${key}`, headers: as(l1.token), payload: { vendorId: vendor.vendorId } });
    expect(handed.statusCode).toBe(200);
    const own = await upload(vendor.token, key, 'from vendor', { type: 'text/plain', query: { fileName: 'fix.txt' } });
    expect(own.statusCode).toBe(201);
    expectError(await upload(vendor.token, key, 'x', { type: 'text/plain', query: { fileName: 'x.txt', visibility: 'internal' } }), 403, 'FORBIDDEN');
    const ids = json<{ items: AttachmentBody[] }>(await list(vendor.token, key)).items.map((i) => i.id);
    expect(ids).toEqual([pub.id, json<AttachmentBody>(own).id]);
    expect((await download(vendor.token, key, pub.id)).statusCode).toBe(200);
    expectError(await download(vendor.token, key, internal.id), 404, 'ATTACHMENT_NOT_FOUND');
  });
});

describe('GET /api/tickets/:key/attachments', () => {
  it('pages with a cursor and answers 400 for bad paging or ids', async () => {
    const key = await t.f.ticket(customer);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(json<AttachmentBody>(await upload(customer.token, key, `f${i}`, { type: 'text/plain', query: { fileName: `f${i}.txt` } })).id);
    const first = json<{ items: AttachmentBody[]; nextCursor: string | null }>(await list(customer.token, key, '?limit=2'));
    expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    const second = json<{ items: AttachmentBody[]; nextCursor: string | null }>(await list(customer.token, key, `?limit=2&cursor=${first.nextCursor ?? ''}`));
    expect(second.items.map((i) => i.id)).toEqual(ids.slice(2));
    expect(second.nextCursor).toBeNull();
    expectError(await list(customer.token, key, '?cursor=garbage'), 400, 'VALIDATION_FAILED');
    expectError(await list(customer.token, key, '?limit=0'), 400, 'VALIDATION_FAILED');
    expectError(await download(customer.token, key, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectError(await download(customer.token, key, crypto.randomUUID()), 404, 'ATTACHMENT_NOT_FOUND');
  });
});

describe('OpenAPI', () => {
  it('describes the attachment endpoints', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(json<{ paths: Record<string, unknown> }>(res).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/tickets/{key}/attachments', '/api/tickets/{key}/attachments/{id}']));
  });
});
