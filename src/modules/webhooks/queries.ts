import type { Executor } from '../../db/executor.js';
import { webhookNotFound } from './errors.js';

export const webhookColumns = ['id', 'url', 'secret', 'event_types', 'active', 'description', 'created_by_id', 'created_at'] as const;

export async function findWebhook(exec: Executor, id: string) {
  const row = await exec.selectFrom('webhooks').select(webhookColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw webhookNotFound();
  return row;
}

/** Inserts the delivery unless this webhook already has one for the event; returns the new id, or null. */
export async function insertDelivery(exec: Executor, webhookId: string, eventId: number, at: Date): Promise<string | null> {
  const row = await exec
    .insertInto('webhook_deliveries')
    .values({ webhook_id: webhookId, event_id: eventId, status: 'pending', created_at: at })
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
