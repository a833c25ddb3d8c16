/**
 * SLA mail digests. A recipient gets at most DIGEST_LIMIT SLA warning/breach mails per DIGEST_WINDOW_MS
 * window one by one; further ones are held and summed up in one digest mail when the window ends. In an
 * outage storm a duty manager then gets a handful of mails and one list, not one mail per request.
 * The count lives in notification_windows and is taken by the `email.send` job (never in the transaction
 * that fired the SLA timer, so the timers never wait on a recipient's counter row).
 */
import { sql } from 'kysely';
import type { AppContext } from '../../../shared/context.js';
import type { Executor } from '../../../db/executor.js';
import { metricLabel, priorityLabel, publicBase } from './mail-text.js';

export const DIGEST_LIMIT = 5;
export const DIGEST_WINDOW_MS = 10 * 60_000;
const HELD_TEMPLATES = ['sla_warning', 'sla_breach'];
/** Requests listed in one digest; more held mails go into the next one. */
const DIGEST_MAX = 200;

const windowStart = (at: Date): Date => new Date(Math.floor(at.getTime() / DIGEST_WINDOW_MS) * DIGEST_WINDOW_MS);

/**
 * Called by the `email.send` job with the outgoing row locked, before rendering: true when the mail is held
 * for the recipient's digest (the window's allowance is used up), in which case the digest job for that
 * window is queued in the same transaction.
 */
export async function holdForDigest(
  trx: Executor,
  ctx: Pick<AppContext, 'jobs' | 'clock'>,
  out: { id: string; status: string; template: string | null; to_addresses: string[] },
): Promise<boolean> {
  const address = out.to_addresses[0];
  if (out.status !== 'queued' || !out.template || !HELD_TEMPLATES.includes(out.template) || !address || out.to_addresses.length !== 1) return false;
  const start = windowStart(ctx.clock.now());
  const counted = await trx
    .insertInto('notification_windows')
    .values({ address, window_start: start, sent: 1 })
    .onConflict((oc) => oc.columns(['address', 'window_start']).doUpdateSet({ sent: sql`notification_windows.sent + 1` }))
    .returning('sent')
    .executeTakeFirstOrThrow();
  if (counted.sent <= DIGEST_LIMIT) return false;
  await trx.updateTable('outbound_emails').set({ status: 'held' }).where('id', '=', out.id).execute();
  const end = new Date(start.getTime() + DIGEST_WINDOW_MS);
  await ctx.jobs.send(trx, 'email.sla_digest', { address }, { startAfter: end, singletonKey: `sla_digest:${address}:${end.toISOString()}` });
  return true;
}

/** The digest job: one mail listing the recipient's held SLA mails, which become 'digested'. */
export async function sendSlaDigest(ctx: AppContext, address: string): Promise<string | null> {
  return ctx.db.transaction().execute(async (trx) => {
    const held = await trx
      .selectFrom('outbound_emails as o')
      .innerJoin('tickets as t', 't.id', 'o.ticket_id')
      .select(['o.id', 'o.template', 'o.template_vars', 'o.ticket_id', 't.key', 't.subject', 't.priority'])
      .where('o.status', '=', 'held')
      .where(sql<boolean>`o.to_addresses = ARRAY[${address}]::text[]`)
      .orderBy('o.created_at')
      .orderBy('o.id')
      .limit(DIGEST_MAX)
      .forUpdate('o')
      .skipLocked()
      .execute();
    const last = held.at(-1);
    if (!last) return null;
    const recipient = await trx.selectFrom('users').select(['locale']).where(sql`lower(email)`, '=', address.toLowerCase()).executeTakeFirst();
    const ru = recipient?.locale === 'ru';
    const lines = held.map((h) => {
      const vars = h.template_vars as Record<string, unknown>;
      const metric = metricLabel(String(vars['sla.metric'] ?? ''), ru ? 'ru' : 'en');
      const due = String(vars['sla.due_at'] ?? '');
      const what = h.template === 'sla_breach' ? (ru ? `нарушен срок ${metric} в ${due}` : `${metric} breached at ${due}`) : ru ? `предупреждение по сроку ${metric}, срок ${due}` : `${metric} warning, due ${due}`;
      return `${h.key} (${priorityLabel(h.priority, ru ? 'ru' : 'en')}): ${what} — ${h.subject}`;
    });
    const row = await trx
      .insertInto('outbound_emails')
      .values({
        ticket_id: last.ticket_id,
        status: 'queued',
        template: 'sla_digest',
        template_vars: JSON.stringify({ 'digest.count': String(held.length), 'digest.requests': lines, 'digest.url': `${publicBase(ctx.config)}/` }),
        notification_key: `sla_digest:${address}:${last.id}`,
        to_addresses: [address],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.jobs.send(trx, 'email.send', { outboundId: row.id }, { singletonKey: `email.send:${row.id}` });
    await trx.updateTable('outbound_emails').set({ status: 'digested' }).where('id', 'in', held.map((h) => h.id)).execute();
    // More than one digest's worth held: the rest goes out in the next one, right away.
    if (held.length === DIGEST_MAX) await ctx.jobs.send(trx, 'email.sla_digest', { address }, { singletonKey: `sla_digest:${address}:after:${last.id}` });
    return row.id;
  });
}
