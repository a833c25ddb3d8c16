import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

/**
 * The real server as an operator runs it: `node --import tsx src/main.ts` on an embedded data directory, probed over
 * HTTP. Slow by nature (each start loads PGlite and may seed the demo data): a cold start took 30–95 s
 * on a busy 2-core machine, hence the long timeouts.
 */

const TIMEOUT = 180_000;
const TWO_STARTS = 300_000;

interface Server {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Server[] = [];
const dirs: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-ops-'));
  dirs.push(dir);
  return dir;
}

async function spawnServer(dir: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  // As `npm start` runs it: one node process with tsx as a loader, so signals reach the server itself
  // (the tsx CLI relays them through a parent that SIGKILLs a child slow to acknowledge under load).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TIERDESK_DATA_DIR: dir, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const server: Server = { child, url: `http://127.0.0.1:${port}`, dataDir: dir, output: () => out, exited };
  started.push(server);
  return server;
}

async function waitReady(s: Server, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void s.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`server exited before it was ready:\n${s.output()}`);
    try {
      const res = await fetch(`${s.url}/readyz`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${s.output()}`);
}

async function start(dir = dataDir(), env: Record<string, string> = {}): Promise<Server> {
  const s = await spawnServer(dir, env);
  await waitReady(s);
  return s;
}

/** The pid of the server itself, as the data-dir lock records it. */
function serverPid(s: Server): number {
  const pid = Number.parseInt(fs.readFileSync(path.join(s.dataDir, 'tierdesk.lock'), 'utf8'), 10);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

async function stop(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30_000);
  await s.exited;
  clearTimeout(timer);
}

afterEach(async () => {
  for (const s of started.splice(0)) await stop(s);
});
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(s: Server, email: string, password = 'demo'): Promise<Session> {
  const res = await fetch(`${s.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('td_session='))?.split(';')[0];
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('the server process', () => {
  it(
    'serves health, readiness, metrics, the OpenAPI document and the docs; a second process on the same data dir refuses to start',
    async () => {
      const s = await start();
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({ status: 'ready' });

      await fetch(`${s.url}/api/auth/me`); // at least one counted API request
      const metrics = await (await fetch(`${s.url}/metrics`)).text();
      expect(metrics).toMatch(/^tierdesk_http_requests_total\{.*\} \d+/m);
      expect(metrics).toMatch(/^tierdesk_db_pool_connections\{state="total"\} \d+/m);
      expect(metrics).toMatch(/^# TYPE tierdesk_jobs gauge/m);

      const doc = (await (await fetch(`${s.url}/api/openapi.json`)).json()) as { openapi: string; info: { title: string }; paths: Record<string, Record<string, { responses?: unknown }>> };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/auth/login', '/api/search']));
      for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) expect(op.responses).toBeDefined();

      const docs = await fetch(`${s.url}/api/docs`);
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-type')).toMatch(/text\/html/);
      expect(await docs.text()).toMatch(/<html/i);

      const second = await spawnServer(s.dataDir);
      const exit = await second.exited;
      expect(exit.code, second.output()).not.toBe(0);
      expect(second.output()).toMatch(/lock/i);
      expect(second.output()).toContain(`pid ${serverPid(s)}`);
      // The first one is unharmed.
      expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    },
    TIMEOUT,
  );

  it(
    'keeps every acknowledged request across kill -9',
    async () => {
      const s = await start();
      const session = await signIn(s, 'customer@acme.example');
      const created: Array<{ key: string; subject: string }> = [];
      for (let i = 0; i < 30; i++) {
        const subject = `Crash test ${i} ${Date.now()}`;
        const res = await fetch(`${s.url}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
          body: JSON.stringify({ subject, description: 'Must survive a crash' }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
        created.push({ key: ((await res.json()) as { key: string }).key, subject });
      }
      process.kill(serverPid(s), 'SIGKILL');
      await s.exited;

      const again = await start(s.dataDir);
      const after = await signIn(again, 'customer@acme.example');
      const missing: string[] = [];
      for (const c of created) {
        const res = await fetch(`${again.url}/api/tickets/${c.key}`, { headers: { cookie: after.cookie } });
        if (res.status !== 200) missing.push(`${c.key}: ${res.status}`);
        else expect(((await res.json()) as { subject: string }).subject).toBe(c.subject);
      }
      expect(missing, 'acknowledged with 201 but gone after kill -9').toEqual([]);
    },
    TWO_STARTS,
  );

  it(
    'logs JSON lines with the request id, echoes a valid x-request-id, and exits 0 on SIGTERM',
    async () => {
      const s = await start(dataDir(), { LOG_LEVEL: 'info' });
      const given = 'ops-test-req-0001';
      const res = await fetch(`${s.url}/api/auth/me`, { headers: { 'x-request-id': given } });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-request-id')).toBe(given);
      expect(((await res.json()) as { requestId: string }).requestId).toBe(given);
      const invalid = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(invalid.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

      await new Promise((r) => setTimeout(r, 500)); // let the logger flush
      const lines = s
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { reqId?: string; level: number; msg: string });
      expect(lines.filter((l) => l.reqId === given).length).toBeGreaterThanOrEqual(1);

      s.child.kill('SIGTERM');
      const exit = await s.exited;
      expect(exit, s.output()).toEqual({ code: 0, signal: null });
      expect(fs.existsSync(path.join(s.dataDir, 'tierdesk.lock'))).toBe(false);
    },
    TIMEOUT,
  );
});
