import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import { enqueueDelivery } from './deliver-webhook.js';
import { PING_EVENT, subscriptionsMatching } from './event-types.js';
import { insertDelivery } from './queries.js';

/**
 * Fans an event out to the webhooks subscribed to its type. Idempotent per (webhook, event): a retried
 * or duplicated dispatch finds the deliveries already there and queues nothing new, and each delivery
 * row commits together with its job, so no delivery is lost or sent twice.
 */
export async function dispatchEvent(ctx: AppContext, eventId: number): Promise<void> {
  if (!Number.isSafeInteger(eventId)) return;
  const event = await ctx.db.selectFrom('events').select(['id', 'type']).where('id', '=', eventId).executeTakeFirst();
  // Gone (its ticket was deleted) or a ping, which ping-webhook already addressed to its one webhook.
  if (!event || event.type === PING_EVENT) return;
  await ctx.db.transaction().execute(async (trx) => {
    const hooks = await trx
      .selectFrom('webhooks')
      .select('id')
      .where('active', '=', true)
      .where('event_types', '&&', sql<string[]>`${subscriptionsMatching(event.type)}::text[]`)
      .orderBy('id')
      .execute();
    const now = ctx.clock.now();
    for (const hook of hooks) {
      const deliveryId = await insertDelivery(trx, hook.id, event.id, now);
      if (deliveryId) await enqueueDelivery(ctx, trx, deliveryId);
    }
  });
}
