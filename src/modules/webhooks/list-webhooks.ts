import type { AppContext } from '../../shared/context.js';
import { decodeCursor, toPage } from './cursor.js';
import { presentDelivery, presentWebhook } from './presenter.js';
import { findWebhook, webhookColumns } from './queries.js';
import type { ListDeliveriesQuery, PageQuery } from './schemas.js';

export async function listWebhooks(ctx: AppContext, q: PageQuery) {
  let query = ctx.db.selectFrom('webhooks').select(webhookColumns);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(at, id)));
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, presentWebhook);
}

export async function getWebhook(ctx: AppContext, id: string) {
  return presentWebhook(await findWebhook(ctx.db, id));
}

/** The delivery log, newest first; served by webhook_deliveries (webhook_id, created_at DESC). */
export async function listDeliveries(ctx: AppContext, webhookId: string, q: ListDeliveriesQuery) {
  await findWebhook(ctx.db, webhookId);
  let query = ctx.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('events as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.event_id',
      'e.type as event_type',
      'd.status',
      'd.attempts',
      'd.last_status_code',
      'd.last_error',
      'd.created_at',
      'd.delivered_at',
    ])
    .where('d.webhook_id', '=', webhookId);
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    query = query.where((eb) => eb(eb.refTuple('d.created_at', 'd.id'), '<', eb.tuple(at, id)));
  }
  const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(q.limit + 1).execute();
  return toPage(rows, q.limit, presentDelivery);
}
