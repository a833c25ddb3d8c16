import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { boot, type Running } from '../../src/boot.js';
import { FixedClock, systemClock, type Clock } from '../../src/shared/clock.js';
import type { AppContext } from '../../src/shared/context.js';
import { testDatabase } from './db.js';
import { Factories } from './factories.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  running: Running;
  f: Factories;
  close(): Promise<void>;
}

/** The real app on a fresh database, with reference data (lines, teams, catalogue) and no demo users. */
export async function testApp(opts: { env?: Record<string, string>; clock?: Clock | FixedClock } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TIERDESK_DEMO: 'false',
    TIERDESK_WORKERS: 'false',
    TIERDESK_DATA_DIR: dataDir,
    ...opts.env,
  });
  const database = await testDatabase();
  const running = await boot(config, { database, clock: opts.clock ?? systemClock });
  await running.app.ready();
  return {
    app: running.app,
    ctx: running.ctx,
    running,
    f: new Factories(running.ctx),
    async close() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers for a bearer-token actor. */
export const as = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return res.json() as T;
}

export function expectError(res: LightMyRequestResponse, status: number, code?: string) {
  if (res.statusCode !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${res.statusCode}: ${res.body}`);
  const body = res.json() as { error?: { code?: string }; requestId?: string };
  if (!body.error?.code || !body.requestId) throw new Error(`not the error body: ${res.body}`);
  if (code && body.error.code !== code) throw new Error(`expected ${code}, got ${body.error.code}: ${res.body}`);
}
