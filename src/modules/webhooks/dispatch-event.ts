import type { AppContext } from '../../shared/context.js';
import { enqueueDelivery } from './deliver-webhook.js';
import { PING_EVENT, subscriptionsMatching } from './event-types.js';
import { insertDelivery } from './queries.js';

/**
 * Fans events out to the webhooks subscribed to their types. Idempotent per (webhook, event): a retried
 * or duplicated dispatch finds the deliveries already there and queues nothing new, and each delivery
 * row commits together with its job, so no delivery is lost or sent twice.
 *
 * One call handles a whole fetched batch of `events.dispatch` jobs: one read of the active webhooks per batch
 * (and of its events when there are any) instead of a transaction per event, so an SLA breach storm or a mass outage's
 * intake does not spend most of its database round trips finding out that nobody subscribed.
 */
export async function dispatchEvents(ctx: AppContext, eventIds: readonly number[]): Promise<void> {
  const ids = [...new Set(eventIds.filter((id) => Number.isSafeInteger(id)))];
  if (ids.length === 0) return;
  const hooks = await ctx.db.selectFrom('webhooks').select(['id', 'event_types']).where('active', '=', true).orderBy('id').execute();
  if (hooks.length === 0) return;
  await ctx.db.transaction().execute(async (trx) => {
    // Gone (its ticket was deleted) or a ping, which ping-webhook already addressed to its one webhook.
    const events = await trx.selectFrom('events').select(['id', 'type']).where('id', 'in', ids).where('type', '!=', PING_EVENT).orderBy('id').execute();
    const now = ctx.clock.now();
    for (const event of events) {
      const wanted = new Set(subscriptionsMatching(event.type));
      for (const hook of hooks) {
        if (!hook.event_types.some((t) => wanted.has(t))) continue;
        const deliveryId = await insertDelivery(trx, hook.id, event.id, now);
        if (deliveryId) await enqueueDelivery(ctx, trx, deliveryId);
      }
    }
  });
}

/** One event (a retry of a batch that failed, or a test driving dispatch itself). */
export async function dispatchEvent(ctx: AppContext, eventId: number): Promise<void> {
  await dispatchEvents(ctx, [eventId]);
}
