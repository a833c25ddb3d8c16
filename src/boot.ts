import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { embeddedTemplate, migrateAll } from './db/setup.js';
import { pendingMigrations } from './db/migrate.js';
import { startJobQueue, type JobQueue } from './jobs/queue.js';
import { registerWorkers } from './jobs/workers.js';
import { BlobStore } from './shared/blob-store.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { AppContext } from './shared/context.js';
import { buildApp } from './http/app.js';
import { seedBase } from './seed/base.js';
import { seedDemo } from './seed/demo.js';
import { seedDemoTickets } from './seed/demo-tickets.js';
import { seedDemoRoster } from './seed/demo-roster.js';
import { startSla } from './modules/sla/register.js';
import { startEmail, startSmtpListener, type SmtpListener } from './modules/intake/email/index.js';
import { startClassifier } from './modules/classification/register.js';
import { setFanOutFilter } from './modules/audit/index.js';
import { webhookFanOut } from './modules/webhooks/index.js';

export interface Running {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  jobs: JobQueue;
  /** The inbound SMTP listener, when SMTP_LISTEN_PORT is set. */
  smtp: SmtpListener | null;
  stop(): Promise<void>;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Opens the database, migrates/seeds as configured, starts the job queue and builds the HTTP app. */
export async function boot(config: Config, opts: { clock?: Clock; database?: Database } = {}): Promise<Running> {
  const database =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
      template: () => embeddedTemplate(),
    }));
  try {
    if (config.autoMigrate) await migrateAll(database);
    const pending = await pendingMigrations(database.db as never);
    if (pending.length) throw new Error(`the database schema is behind (${pending.join(', ')}): run \`tierdesk migrate\``);
    const jobs = await startJobQueue(database.pool, { supervise: config.workers });
    const ctx: AppContext = {
      config,
      db: database.db,
      engine: database.engine,
      jobs,
      clock: opts.clock ?? systemClock,
      blobs: new BlobStore(path.join(config.dataDir, 'blobs')),
    };
    setFanOutFilter(webhookFanOut);
    await startSla(ctx);
    startEmail();
    await startClassifier(ctx);
    if (config.demo) {
      if (await seedDemo(database.db)) {
        await seedDemoTickets(ctx);
        await seedDemoRoster(ctx);
      }
    } else {
      await seedBase(database.db);
    }
    if (config.workers) await registerWorkers(ctx, jobs);
    const app = await buildApp({ ctx, pool: database.pool, webDist: path.join(repoRoot, 'web', 'dist') });
    const smtp =
      config.smtpListenPort === undefined
        ? null
        : await startSmtpListener(ctx, { host: config.smtpListenHost, port: config.smtpListenPort, log: (msg, extra) => app.log.error(extra, msg) });
    let stopped = false;
    return {
      app,
      ctx,
      database,
      jobs,
      smtp,
      async stop() {
        if (stopped) return;
        stopped = true;
        // Stop taking mail first: a message accepted after the database closes could not be stored.
        await smtp?.close();
        await app.close();
        await jobs.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
