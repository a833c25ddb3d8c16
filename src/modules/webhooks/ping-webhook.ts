import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { recordEvent } from '../audit/index.js';
import { enqueueDelivery } from './deliver-webhook.js';
import { PING_EVENT } from './event-types.js';
import { findWebhook, insertDelivery } from './queries.js';

/**
 * Queues a `webhook.ping` to this one webhook, active or not, so an admin can check the endpoint and
 * its signature check. The event is recorded like any other (an audit trail of who pinged what);
 * dispatch skips pings, so webhooks subscribed to '*' never see each other's tests.
 */
export async function pingWebhook(ctx: AppContext, actor: Actor, webhookId: string): Promise<{ eventId: number; deliveryId: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    await findWebhook(trx, webhookId);
    const now = ctx.clock.now();
    const eventId = await recordEvent(trx, ctx.jobs, { type: PING_EVENT, actorId: actor.userId, visibility: 'internal', data: { webhookId }, at: now });
    const deliveryId = await insertDelivery(trx, webhookId, eventId, now);
    if (!deliveryId) throw new Error('a fresh event already has a delivery');
    await enqueueDelivery(ctx, trx, deliveryId);
    return { eventId, deliveryId };
  });
}
