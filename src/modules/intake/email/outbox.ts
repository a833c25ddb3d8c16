/** The outbox: outgoing mail with per-recipient delivery status, one message in full, and retry of a failure. */
import type { AppContext } from '../../../shared/context.js';
import type { Executor } from '../../../db/executor.js';
import type { OutboundEmailStatus } from '../../../db/schema.js';
import { AppError } from '../../../shared/errors.js';
import type { Actor } from '../../identity/actor.js';
import { recordEvent } from '../../audit/index.js';
import { assertCanSeeOutbox } from './policy.js';

export interface DeliveryView {
  recipient: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  response: string | null;
  lastError: string | null;
  updatedAt: string;
}

const notFound = () => new AppError('NOT_FOUND', 'No such outgoing message');

function cursorOf(createdAt: Date, id: string) {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url');
}

function parseCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid', [{ field: 'cursor', message: 'not a cursor this endpoint returned' }]);
  }
  return { at: date, id };
}

async function deliveriesOf(exec: Executor, ids: string[]): Promise<Map<string, DeliveryView[]>> {
  const map = new Map<string, DeliveryView[]>();
  if (!ids.length) return map;
  const rows = await exec.selectFrom('email_deliveries').selectAll().where('outbound_id', 'in', ids).orderBy('recipient').execute();
  for (const r of rows) {
    const list = map.get(r.outbound_id) ?? [];
    list.push({ recipient: r.recipient, status: r.status, attempts: r.attempts, response: r.response, lastError: r.last_error, updatedAt: r.updated_at.toISOString() });
    map.set(r.outbound_id, list);
  }
  return map;
}

export async function listOutbox(exec: Executor, actor: Actor, q: { status?: OutboundEmailStatus; cursor?: string; limit: number }) {
  assertCanSeeOutbox(actor);
  let query = exec
    .selectFrom('outbound_emails as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .select(['o.id', 'o.status', 'o.subject', 'o.to_addresses', 'o.template', 'o.created_at', 'o.sent_at', 't.key as ticket_key'])
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(q.limit + 1);
  if (q.status) query = query.where('o.status', '=', q.status);
  if (q.cursor) {
    const c = parseCursor(q.cursor);
    query = query.where((eb) => eb.or([eb('o.created_at', '<', c.at), eb.and([eb('o.created_at', '=', c.at), eb('o.id', '<', c.id)])]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const deliveries = await deliveriesOf(exec, page.map((r) => r.id));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      ticketKey: r.ticket_key,
      template: r.template ?? 'staff_reply',
      status: r.status,
      subject: r.subject,
      to: r.to_addresses,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      deliveries: deliveries.get(r.id) ?? [],
    })),
    nextCursor: rows.length > q.limit && last ? cursorOf(last.created_at, last.id) : null,
  };
}

export async function getOutboundEmail(exec: Executor, actor: Actor, id: string) {
  assertCanSeeOutbox(actor);
  const r = await exec
    .selectFrom('outbound_emails as o')
    .innerJoin('tickets as t', 't.id', 'o.ticket_id')
    .selectAll('o')
    .select('t.key as ticket_key')
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound();
  const deliveries = await deliveriesOf(exec, [r.id]);
  return {
    id: r.id,
    ticketKey: r.ticket_key,
    template: r.template ?? 'staff_reply',
    status: r.status,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    headers: {
      from: r.from_address,
      to: r.to_addresses,
      subject: r.subject,
      messageId: r.message_id,
      inReplyTo: r.in_reply_to,
      references: r.references_ids,
    },
    bodyText: r.body_text,
    deliveries: deliveries.get(r.id) ?? [],
  };
}

/** Puts the failed recipients of a failed or partly delivered message back in the queue. */
export async function retryOutboundEmail(ctx: AppContext, actor: Actor, id: string) {
  assertCanSeeOutbox(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('outbound_emails').select(['id', 'status', 'ticket_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound();
    if (r.status !== 'failed' && r.status !== 'partial') {
      throw new AppError('CONFLICT', `Only a failed or partly delivered message can be retried; this one is ${r.status}`, [{ field: 'status', message: `is ${r.status}` }]);
    }
    await trx.updateTable('email_deliveries').set({ status: 'pending', updated_at: ctx.clock.now() }).where('outbound_id', '=', id).where('status', '=', 'failed').execute();
    await trx.updateTable('outbound_emails').set({ status: 'queued' }).where('id', '=', id).execute();
    await ctx.jobs.send(trx, 'email.send', { outboundId: id }, { singletonKey: `email.send:${id}:retry:${Date.now()}` });
    await recordEvent(trx, ctx.jobs, { type: 'email.retried', ticketId: r.ticket_id, actorId: actor.userId, visibility: 'internal', data: { outboundId: id } });
  });
  return getOutboundEmail(ctx.db, actor, id);
}
