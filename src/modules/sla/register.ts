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

/** Deadlines arrive in bursts (a mass incident opens thousands of requests at once): batches, four workers. */
export async function registerSlaWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await seedBetaService(ctx.db);
  await jobs.work<unknown>('sla.timer', async (data) => {
    await fireSlaTimer(ctx, data);
  }, { concurrency: 4, batchSize: 50 });
}
