import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import type { AppContext } from '../../../shared/context.js';
import type { EventSubscriber } from '../../audit/index.js';
import { addressOf, domainOf } from './addresses.js';
import { remember } from './process-email.js';
import { isTemplateName, renderTemplate, TEMPLATES, type TemplateName, type TemplateVars } from './templates.js';
import { metricLabel, priorityLabel, publicBase } from './mail-text.js';
import { holdForDigest } from './sla-digest.js';

/**
 * Staff public replies on e-mail requests go out by mail: the outgoing row and its job commit with the
 * reply itself. Customer replies (including those that arrived by mail) are never mailed back.
 */
export const onStaffReply: EventSubscriber = async (exec, jobs, event) => {
  if (event.type !== 'ticket.replied' || !event.ticketId) return;
  const authorKind = event.data?.authorKind;
  const messageId = event.data?.messageId;
  if ((authorKind !== 'staff' && authorKind !== 'integration') || typeof messageId !== 'string') return;
  const t = await exec.selectFrom('tickets').select('channel').where('id', '=', event.ticketId).executeTakeFirst();
  if (t?.channel !== 'email') return;
  const row = await exec
    .insertInto('outbound_emails')
    .values({ ticket_id: event.ticketId, ticket_message_id: messageId, status: 'queued' })
    .onConflict((oc) => oc.column('ticket_message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await jobs.send(exec, 'email.send', { outboundId: row.id }, { singletonKey: `email.send:${row.id}` });
};

/**
 * The `email.send` job. Renders the message once (Message-ID derived from the row, so a retry reuses it),
 * then delivers to each recipient not yet delivered, logging every attempt per recipient. Without
 * SMTP_URL the message stays in the outbox.
 */
export async function sendOutboundEmail(ctx: AppContext, outboundId: string): Promise<void> {
  const out = await render(ctx, outboundId);
  // Held (or already summed up) SLA mails go out in the recipient's digest instead.
  if (!out || out.status === 'sent' || out.status === 'outbox' || out.status === 'held' || out.status === 'digested') return;
  if (!ctx.config.smtpUrl) {
    await ctx.db.updateTable('outbound_emails').set({ status: 'outbox' }).where('id', '=', out.id).execute();
    return;
  }
  const pending = await ctx.db.selectFrom('email_deliveries').select('recipient').where('outbound_id', '=', out.id).where('status', '!=', 'sent').execute();
  if (!pending.length) return;
  const transport = nodemailer.createTransport(ctx.config.smtpUrl);
  let failed = 0;
  try {
    for (const { recipient } of pending) {
      try {
        const info = await transport.sendMail({
          from: ctx.config.mailFrom,
          to: recipient,
          subject: out.subject,
          text: out.body_text,
          messageId: out.message_id ?? undefined,
          inReplyTo: out.in_reply_to ?? undefined,
          references: out.references_ids,
          headers: { 'Auto-Submitted': 'no', 'X-Auto-Response-Suppress': 'All' },
        });
        await logDelivery(ctx, out.id, recipient, info.rejected.length ? 'failed' : 'sent', String(info.response ?? ''), null);
        if (info.rejected.length) failed++;
      } catch (err) {
        failed++;
        await logDelivery(ctx, out.id, recipient, 'failed', null, err instanceof Error ? err.message : String(err));
      }
    }
  } finally {
    transport.close();
  }
  const status = failed === 0 ? 'sent' : failed === pending.length ? 'failed' : 'partial';
  await ctx.db.updateTable('outbound_emails').set({ status, sent_at: failed < pending.length ? ctx.clock.now() : null }).where('id', '=', out.id).execute();
  // Thrown so the queue retries the recipients that failed (delivered ones are skipped next time).
  if (failed) throw new Error(`e-mail ${out.id}: ${failed} of ${pending.length} recipients failed`);
}

async function logDelivery(ctx: AppContext, outboundId: string, recipient: string, status: 'sent' | 'failed', response: string | null, error: string | null) {
  await ctx.db
    .updateTable('email_deliveries')
    .set((eb) => ({ status, response, last_error: error, attempts: eb('attempts', '+', 1), updated_at: ctx.clock.now() }))
    .where('outbound_id', '=', outboundId)
    .where('recipient', '=', recipient)
    .execute();
}

/**
 * Fills in headers, recipients, subject and text on the first run, from the notification template in the
 * recipient's language; later runs read what was rendered, so a retry sends the same message.
 */
async function render(ctx: AppContext, outboundId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const out = await trx.selectFrom('outbound_emails').selectAll().where('id', '=', outboundId).forUpdate().executeTakeFirst();
    if (!out || out.message_id) return out;
    // An SLA mail over the recipient's allowance waits for the window's digest instead.
    if (await holdForDigest(trx, ctx, out)) return { ...out, status: 'held' as const };
    const t = await trx
      .selectFrom('tickets as t')
      .innerJoin('users as r', 'r.id', 't.requester_id')
      .select(['t.id', 't.key', 't.subject', 't.priority', 'r.email', 'r.name', 'r.locale'])
      .where('t.id', '=', out.ticket_id)
      .executeTakeFirstOrThrow();
    const name: TemplateName = out.template && isTemplateName(out.template) ? out.template : 'staff_reply';
    const audience = TEMPLATES[name].audience;
    const to = out.to_addresses.length ? out.to_addresses : [t.email];
    const recipient = audience === 'customer' ? { name: t.name, locale: t.locale } : await trx.selectFrom('users').select(['name', 'locale']).where(sql`lower(email)`, '=', (to[0] ?? '').toLowerCase()).executeTakeFirst();
    const base = publicBase(ctx.config);
    const vars: TemplateVars = {
      ...(out.template_vars as TemplateVars),
      'ticket.key': t.key,
      'ticket.subject': t.subject.replace(/\s*\[SUP-\d+\]\s*/gi, ' ').trim(),
      'ticket.url': `${base}/requests/${encodeURIComponent(t.key)}`,
      'ticket.priority': t.priority,
      'customer.name': t.name,
      'recipient.name': recipient?.name ?? '',
      'rating.url': `${base}/requests/${encodeURIComponent(t.key)}#rate`,
    };
    if (out.ticket_message_id) {
      const msg = await trx
        .selectFrom('ticket_messages as m')
        .leftJoin('users as a', 'a.id', 'm.author_id')
        .select(['m.body', 'a.name'])
        .where('m.id', '=', out.ticket_message_id)
        .executeTakeFirst();
      vars['reply.body'] = msg?.body ?? '';
      vars['agent.name'] = msg?.name ?? '';
    }
    const locale = recipient?.locale ?? 'en';
    if (typeof vars['sla.metric'] === 'string') vars['sla.metric'] = metricLabel(vars['sla.metric'], locale);
    if (locale === 'ru') vars['ticket.priority'] = priorityLabel(t.priority, locale);
    const text = await renderTemplate(trx, name, locale, vars);
    const messageId = `<${out.id}@${domainOf(ctx.config.mailFrom)}>`;
    // Customer mail continues the request's thread; staff notifications stand alone.
    let references: string[] = [];
    let inReplyTo: string | null = null;
    if (audience === 'customer') {
      const thread = await trx.selectFrom('email_threads').select('message_id').where('ticket_id', '=', t.id).orderBy('created_at', 'asc').execute();
      references = thread.map((r) => r.message_id).slice(-20);
      const lastInbound = await trx
        .selectFrom('email_threads')
        .select('message_id')
        .where('ticket_id', '=', t.id)
        .where('direction', '=', 'in')
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      inReplyTo = lastInbound?.message_id ?? references.at(-1) ?? null;
    }
    const rendered = await trx
      .updateTable('outbound_emails')
      .set({
        message_id: messageId,
        in_reply_to: inReplyTo,
        references_ids: references,
        from_address: addressOf(ctx.config.mailFrom),
        to_addresses: to,
        subject: text.subject,
        body_text: text.body,
        template: name,
      })
      .where('id', '=', out.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const recipientAddress of to) {
      await trx.insertInto('email_deliveries').values({ outbound_id: out.id, recipient: recipientAddress, status: 'pending' }).onConflict((oc) => oc.doNothing()).execute();
    }
    if (audience === 'customer') await remember(trx, t.id, [messageId], 'out');
    return rendered;
  });
}
