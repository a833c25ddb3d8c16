/**
 * A tierdesk process with job workers on DATABASE_URL, for the multi-process timer test and the
 * benchmark: prints "ready" once its workers poll, stops cleanly on SIGTERM.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { boot } from '../../boot.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-worker-'));
const running = await boot(
  loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: '8',
    TIERDESK_DEMO: 'false',
    TIERDESK_AUTO_MIGRATE: 'false',
    TIERDESK_WORKERS: 'true',
    TIERDESK_DATA_DIR: dataDir,
  }),
);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void running.stop().finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
