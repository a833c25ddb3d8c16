import { sql } from 'kysely';
import type { Executor } from '../../../db/executor.js';
import type { JobQueue } from '../../../jobs/queue.js';
import type { EventSubscriber } from '../../audit/index.js';
import type { TemplateName } from './templates.js';

export interface NotificationInput {
  ticketId: string;
  template: TemplateName;
  /** Recipient addresses; customer templates default to the requester. One message per address. */
  to?: string[];
  /** Values of the template's own placeholders (missing_fields, sla.metric …); request fields are filled in. */
  vars?: Record<string, unknown>;
  /** Queuing the same key again does nothing (e.g. `missing:<ticketId>:<formVersion>`). */
  key: string;
}

/**
 * Queues a templated notification in the caller's transaction: the outgoing row and its `email.send` job
 * commit with the change that caused them. The text is rendered by the job in the recipient's language;
 * without SMTP_URL it waits in the outbox.
 */
export async function queueNotification(exec: Executor, jobs: Pick<JobQueue, 'send'>, n: NotificationInput): Promise<string[]> {
  const ids: string[] = [];
  const recipients = n.to?.length ? [...new Set(n.to.map((a) => a.toLowerCase()))] : [null];
  for (const to of recipients) {
    const row = await exec
      .insertInto('outbound_emails')
      .values({
        ticket_id: n.ticketId,
        status: 'queued',
        template: n.template,
        template_vars: JSON.stringify(n.vars ?? {}),
        notification_key: to ? `${n.key}:${to}` : n.key,
        to_addresses: to ? [to] : [],
      })
      .onConflict((oc) => oc.column('notification_key').where('notification_key', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await jobs.send(exec, 'email.send', { outboundId: row.id }, { singletonKey: `email.send:${row.id}` });
    ids.push(row.id);
  }
  return ids;
}

/**
 * Customer notifications on e-mail requests (received, resolved) and SLA warnings/breaches to staff: the
 * assignee, or the duty managers of the request's line when nobody is assigned.
 */
export const onNotifiableEvent: EventSubscriber = async (exec, jobs, event) => {
  if (!event.ticketId) return;
  if (event.type === 'ticket.created' || event.type === 'ticket.resolved') {
    if (event.data?.channel !== undefined && event.data.channel !== 'email') return;
    const t = await exec.selectFrom('tickets').select('channel').where('id', '=', event.ticketId).executeTakeFirst();
    if (t?.channel !== 'email') return;
    const template = event.type === 'ticket.created' ? 'request_received' : 'request_resolved';
    await queueNotification(exec, jobs, { ticketId: event.ticketId, template, key: `${template}:${event.id}` });
    return;
  }
  if (event.type === 'sla.warned' || event.type === 'sla.breached') {
    const t = await exec.selectFrom('tickets').select(['assignee_id', 'line_id']).where('id', '=', event.ticketId).executeTakeFirst();
    if (!t) return;
    let q = exec.selectFrom('users').select('email').where('kind', '=', 'staff').where('disabled_at', 'is', null);
    if (t.assignee_id) q = q.where('id', '=', t.assignee_id);
    else if (t.line_id) q = q.where('staff_role', '=', 'duty_manager').where(sql<boolean>`EXISTS (SELECT 1 FROM line_members lm WHERE lm.user_id = users.id AND lm.line_id = ${t.line_id})`);
    else q = q.where('staff_role', '=', 'duty_manager');
    const to = (await q.limit(20).execute()).map((u) => u.email);
    if (!to.length) return;
    const dueAt = typeof event.data?.dueAt === 'string' ? event.data.dueAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '';
    const template = event.type === 'sla.warned' ? 'sla_warning' : 'sla_breach';
    await queueNotification(exec, jobs, { ticketId: event.ticketId, template, to, vars: { 'sla.metric': event.data?.metric, 'sla.due_at': dueAt }, key: `${template}:${event.id}` });
  }
};
