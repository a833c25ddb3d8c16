/** Wiring of the e-mail channel into a process: event subscribers and the job workers. */
import { z } from 'zod';
import type { AppContext } from '../../../shared/context.js';
import type { JobQueue } from '../../../jobs/queue.js';
import { subscribe } from '../../audit/index.js';
import { onStaffReply, sendOutboundEmail } from './send-email.js';
import { processInboundEmail } from './process-email.js';
import { onNotifiableEvent } from './notify.js';
import { imapSettings, pollImap } from './poll-imap.js';
import { sendSlaDigest } from './sla-digest.js';

const processJob = z.object({ inboundId: z.uuid() });
const sendJob = z.object({ outboundId: z.uuid() });
const digestJob = z.object({ address: z.string().min(3).max(320) });

/** Call once per process before any reply is posted (boot.ts). */
export function startEmail(): void {
  subscribe(onStaffReply);
  subscribe(onNotifiableEvent);
}

export async function registerEmailWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work<unknown>('email.process', async (data) => void (await processInboundEmail(ctx, processJob.parse(data).inboundId)), { concurrency: 2 });
  await jobs.work<unknown>('email.send', (data) => sendOutboundEmail(ctx, sendJob.parse(data).outboundId), { concurrency: 2 });
  await jobs.work<unknown>('email.sla_digest', async (data) => void (await sendSlaDigest(ctx, digestJob.parse(data).address)));
  const { imapUrl } = ctx.config;
  if (imapUrl) {
    const settings = imapSettings(imapUrl, ctx.config.imapAfter, ctx.config.imapMoveTo);
    await jobs.work('email.imap_poll', () => pollForAMinute(ctx, settings));
    await jobs.schedule('email.imap_poll', pollCron(ctx.config.imapPollSeconds));
  }
}

/** pg-boss runs a cron slot once across all processes; shorter intervals are polled within the slot. */
export function pollCron(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? '* * * * *' : minutes >= 60 ? '0 * * * *' : `*/${minutes} * * * *`;
}

async function pollForAMinute(ctx: AppContext, settings: ReturnType<typeof imapSettings>): Promise<void> {
  const every = ctx.config.imapPollSeconds * 1000;
  const started = Date.now();
  for (;;) {
    await pollImap(ctx, settings);
    if (every >= 60_000 || Date.now() - started + every > 55_000) return;
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}
