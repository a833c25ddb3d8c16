/** Wiring of the SLA engine into a process: the event subscriber, shipped plan targets, the timer worker. */
import type { AppContext } from '../../shared/context.js';
import type { JobQueue } from '../../jobs/queue.js';
import { subscribe } from '../audit/index.js';
import { onTicketEvent } from './on-ticket-event.js';
import { seedSlaPlans } from './plan-store.js';
import { fireSlaTimer } from './fire-sla-timer.task.js';
import { seedBetaService } from './manage-services.js';

/** Call once per process before any request is registered (boot.ts). */
export async function startSla(ctx: AppContext): Promise<void> {
  subscribe(onTicketEvent);
  await seedSlaPlans(ctx.db);
}

/**
 * Deadlines arrive in bursts (a mass incident opens thousands of requests at once): two pollers fetch
 * batches of 50 due timers and fire each batch a few at a time, each firing in its own transaction (at
 * most half the connection pool, so requests from the web UI still get connections).
 */
export async function registerSlaWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await seedBetaService(ctx.db);
  const parallel = Math.max(1, Math.min(4, Math.floor(ctx.config.databasePoolSize / 4)));
  await jobs.work<unknown>('sla.timer', async (data) => {
    await fireSlaTimer(ctx, data);
  }, { concurrency: 2, batchSize: 50, parallel });
}
