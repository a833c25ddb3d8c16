import type { AppContext } from '../shared/context.js';

const DAY = 86_400_000;

/**
 * Housekeeping that keeps hot tables small: sign-in attempts older than a day (the rate limit looks back
 * one minute), expired sessions, idempotency keys past their 7-day replay window, and SLA mail windows
 * (the digest's per-recipient counts) older than a day.
 */
export async function cleanup(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now().getTime();
  await ctx.db.deleteFrom('login_attempts').where('at', '<', new Date(now - DAY)).execute();
  await ctx.db.deleteFrom('sessions').where('expires_at', '<', new Date(now)).execute();
  await ctx.db.deleteFrom('idempotency_keys').where('created_at', '<', new Date(now - 7 * DAY)).execute();
  await ctx.db.deleteFrom('notification_windows').where('window_start', '<', new Date(now - DAY)).execute();
}
