import type { AppContext } from '../../shared/context.js';

/** Fans an event out to the webhooks subscribed to its type. Idempotent per (webhook, event). */
export async function dispatchEvent(_ctx: AppContext, _eventId: number): Promise<void> {}
