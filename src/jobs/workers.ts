import type { AppContext } from '../shared/context.js';
import type { JobQueue } from './queue.js';
import { cleanup } from './maintenance.task.js';
import { dispatchEvent, dispatchEvents } from '../modules/webhooks/dispatch-event.js';
import { deliverWebhook } from '../modules/webhooks/deliver-webhook.js';
import { compactQueueCounts, shiftEnded } from '../modules/lines/index.js';
import { registerSlaWorkers } from '../modules/sla/register.js';
import { registerEmailWorkers } from '../modules/intake/email/index.js';
// workers-import: catalogue
import { runMissingInfoJob } from '../modules/catalogue/index.js';
// workers-import: knowledge
// workers-import: classifier
import { registerClassifierWorkers } from '../modules/classification/register.js';
// workers-import: similarity
import { registerSimilarityWorkers } from '../modules/similarity/index.js';

/** Binds each queue to the use case that handles it. */
export async function registerWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work('maintenance.cleanup', () => cleanup(ctx));
  await jobs.schedule('maintenance.cleanup', '*/15 * * * *');
  // Events some webhook listens to have a dispatch job; a batch of them is one fan-out (see dispatchEvents).
  await jobs.workBatch<{ eventId: number }>(
    'events.dispatch',
    (batch) => dispatchEvents(ctx, batch.map((j) => j.data.eventId)),
    (data) => dispatchEvent(ctx, data.eventId),
    { batchSize: 500 },
  );
  await jobs.work<{ deliveryId: string }>('webhook.deliver', (data) => deliverWebhook(ctx, data.deliveryId), { concurrency: 4 });
  await jobs.work<{ shiftId: string }>('lines.shift_ended', async (data) => void (await shiftEnded(ctx, data.shiftId)));
  await jobs.work('lines.compact_queue_counts', async () => void (await compactQueueCounts(ctx.db)));
  await jobs.schedule('lines.compact_queue_counts', '* * * * *');
  await registerSlaWorkers(ctx, jobs);
  await registerEmailWorkers(ctx, jobs);
  // workers: catalogue
  await jobs.work<{ ticketId: string }>('catalogue.missing_info', async (data) => void (await runMissingInfoJob(ctx, data.ticketId)));
  // workers: knowledge
  // workers: classifier
  await registerClassifierWorkers(ctx, jobs);
  // workers: similarity
  await registerSimilarityWorkers(ctx, jobs);
}
