/** What a subscription may name: '*', an exact type ('ticket.created') or a prefix ('ticket.*'). */
export const eventTypePattern = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/;

/** A test delivery addressed to one webhook; never fanned out to the others. */
export const PING_EVENT = 'webhook.ping';

/**
 * Every subscription entry that matches `type`: 'a.b.c' → ['*', 'a.*', 'a.b.*', 'a.b.c'].
 * Expanding the type (rather than matching patterns in code) lets the database pick the webhooks
 * with one array-overlap test.
 */
export function subscriptionsMatching(type: string): string[] {
  const parts = type.split('.');
  const out = ['*', type];
  for (let i = 1; i < parts.length; i++) out.push(`${parts.slice(0, i).join('.')}.*`);
  return out;
}
