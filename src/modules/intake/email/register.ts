/** Wiring of the e-mail channel into a process: the reply subscriber and the two job workers. */
import { z } from 'zod';
import type { AppContext } from '../../../shared/context.js';
import type { JobQueue } from '../../../jobs/queue.js';
import { subscribe } from '../../audit/index.js';
import { onStaffReply, sendOutboundEmail } from './send-email.js';
import { processInboundEmail } from './process-email.js';

const processJob = z.object({ inboundId: z.uuid() });
const sendJob = z.object({ outboundId: z.uuid() });

/** Call once per process before any reply is posted (boot.ts). */
export function startEmail(): void {
  subscribe(onStaffReply);
}

export async function registerEmailWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work<unknown>('email.process', async (data) => void (await processInboundEmail(ctx, processJob.parse(data).inboundId)), { concurrency: 2 });
  await jobs.work<unknown>('email.send', (data) => sendOutboundEmail(ctx, sendJob.parse(data).outboundId), { concurrency: 2 });
}
