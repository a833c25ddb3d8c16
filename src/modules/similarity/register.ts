/** Wiring of the similarity scan into a process: the in-transaction subscriber and the job worker. */
import type { AppContext } from '../../shared/context.js';
import type { JobQueue } from '../../jobs/queue.js';
import { subscribe, type EventSubscriber } from '../audit/index.js';
import { scanTicket } from './scan-ticket.task.js';

/** What the scan compares: a change of one of these fields (staff or the classifier set the service later) rescans. */
const SCANNED_FIELDS = ['subject', 'catalogueItemId', 'region', 'projectId', 'resourceIds'];

/**
 * A new request queues its scan in the creating transaction (the job exists if and only if the request does);
 * so does a change of what the scan compares. The scan is idempotent, so a rescan only adds what is new.
 */
export const onTicketCreated: EventSubscriber = async (exec, jobs, event) => {
  if (!event.ticketId) return;
  const rescan = event.type !== 'ticket.created' && SCANNED_FIELDS.some((f) => event.changes?.[f] !== undefined);
  if (event.type !== 'ticket.created' && !rescan) return;
  await jobs.send(exec, 'similarity.scan', { ticketId: event.ticketId });
};

// Registered at module load (this module is imported by the HTTP app and the workers), before any request exists.
subscribe(onTicketCreated);

export async function registerSimilarityWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work<{ ticketId?: unknown }>(
    'similarity.scan',
    async (data) => {
      if (typeof data.ticketId === 'string') await scanTicket(ctx, data.ticketId);
    },
    { concurrency: 1, batchSize: 20 },
  );
}
