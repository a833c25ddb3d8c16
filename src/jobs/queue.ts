import PgBoss from 'pg-boss';
import type pg from 'pg';
import { sqlRunner, type Executor } from '../db/executor.js';

export const JOB_SCHEMA = 'pgboss';

/** Every queue tierdesk uses; created at migration time so a job can be sent inside any transaction. */
export const queueNames = [
  'events.dispatch',
  'webhook.deliver',
  'maintenance.cleanup',
  'lines.shift_ended',
  'sla.timer',
  'email.process',
  'email.send',
  'lines.compact_queue_counts',
  // queues: catalogue
  'catalogue.missing_info',
  // queues: knowledge
  // queues: email
  'email.imap_poll',
  'email.sla_digest',
  // queues: classifier
  'classifier.train',
  // queues: similarity
  'similarity.scan',
] as const;
export type QueueName = (typeof queueNames)[number];

export interface SendOptions {
  startAfter?: Date;
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
}

export interface WorkOptions {
  /** Pollers side by side (each fetches its own batches). */
  concurrency?: number;
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /** Jobs of one fetched batch handled at once (each in its own transaction); 1 = one after another. */
  parallel?: number;
}

export interface JobQueue {
  boss: PgBoss;
  /** Enqueue in the caller's transaction: the job exists if and only if the change commits. */
  send<T extends object>(exec: Executor, name: QueueName, data: T, opts?: SendOptions): Promise<string | null>;
  /**
   * Runs `handler` for each job. Jobs are fetched in batches (pg-boss waits a polling interval after every
   * fetch, so one job per fetch would cap a worker at two a second); a job that throws is failed on its
   * own and retried by pg-boss while the rest of its batch completes. `concurrency` workers poll side by side.
   */
  work<T>(name: QueueName, handler: (data: T, jobId: string) => Promise<void>, opts?: WorkOptions): Promise<void>;
  /**
   * Runs `handler` once per fetched batch (set-based work such as the webhook fan-out). When it throws, each
   * job of the batch is retried on its own by `single`, so one bad job fails alone.
   */
  workBatch<T>(name: QueueName, handler: (jobs: { id: string; data: T }[]) => Promise<void>, single: (data: T, jobId: string) => Promise<void>, opts?: WorkOptions): Promise<void>;
  /** A recurring job (cron, UTC); pg-boss runs it once per slot across all processes. */
  schedule(name: QueueName, cron: string): Promise<void>;
  stop(): Promise<void>;
}

function fetchOptions(o: WorkOptions): PgBoss.WorkOptions {
  return { batchSize: o.batchSize ?? 20, pollingIntervalSeconds: o.pollingIntervalSeconds ?? 0.5 };
}

/** Runs `fn` over `items` with at most `limit` in flight; resolves when all have settled (fn never throws). */
export async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

function poolRunner(pool: pg.Pool) {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const res = await pool.query(text, values);
      return { rows: res.rows };
    },
  };
}

export function createBoss(pool: pg.Pool, opts: { supervise: boolean; schedule: boolean }): PgBoss {
  const boss = new PgBoss({
    db: poolRunner(pool),
    schema: JOB_SCHEMA,
    supervise: opts.supervise,
    schedule: opts.schedule,
    migrate: true,
  });
  boss.on('error', (err) => console.error(JSON.stringify({ level: 50, msg: 'job queue error', err: String(err) })));
  return boss;
}

/** Install or upgrade the job schema and create tierdesk's queues. Part of `tierdesk migrate`. */
export async function installJobSchema(pool: pg.Pool): Promise<void> {
  const boss = createBoss(pool, { supervise: false, schedule: false });
  await boss.start();
  for (const name of queueNames) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, retryLimit: 8, retryDelay: 5, retryBackoff: true });
  }
  await boss.stop({ graceful: false, wait: true });
}

export async function startJobQueue(pool: pg.Pool, opts: { supervise: boolean }): Promise<JobQueue> {
  const boss = createBoss(pool, { supervise: opts.supervise, schedule: opts.supervise });
  await boss.start();
  return {
    boss,
    async send(exec, name, data, o = {}) {
      return boss.send(name, data as object, { ...o, db: sqlRunner(exec) as PgBoss.Db });
    },
    async work(name, handler, o = {}) {
      const runOne = async (job: PgBoss.Job<unknown>): Promise<void> => {
        try {
          await handler(job.data as never, job.id);
        } catch (err) {
          // Completing the batch afterwards only touches jobs still active, so this one stays failed.
          await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
        }
      };
      for (let i = 0; i < (o.concurrency ?? 1); i++) {
        await boss.work<unknown>(name, fetchOptions(o), async (batch) => {
          await eachLimited(batch, Math.max(1, o.parallel ?? 1), runOne);
        });
      }
    },
    async workBatch(name, handler, single, o = {}) {
      for (let i = 0; i < (o.concurrency ?? 1); i++) {
        await boss.work<unknown>(name, fetchOptions(o), async (batch) => {
          try {
            await handler(batch.map((j) => ({ id: j.id, data: j.data as never })));
          } catch {
            // Find the culprit: each job alone; only those that fail again are failed.
            for (const job of batch) {
              try {
                await single(job.data as never, job.id);
              } catch (err) {
                await boss.fail(name, job.id, { message: err instanceof Error ? err.message : String(err) });
              }
            }
          }
        });
      }
    },
    async schedule(name, cron) {
      await boss.schedule(name, cron, {}, { tz: 'UTC' });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
