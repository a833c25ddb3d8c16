import type { AppContext } from '../../shared/context.js';
import { sha256Hex } from '../../shared/ids.js';
import { loadActor, type Actor } from './actor.js';

export interface SessionAuth {
  actor: Actor;
  csrfToken: string;
}

export async function authenticateSession(ctx: AppContext, sessionToken: string): Promise<SessionAuth | null> {
  const s = await ctx.db
    .selectFrom('sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('id_hash', '=', sha256Hex(sessionToken))
    .executeTakeFirst();
  if (!s || s.expires_at <= ctx.clock.now()) return null;
  const actor = await loadActor(ctx.db, s.user_id, 'session', null);
  return actor ? { actor, csrfToken: s.csrf_token } : null;
}

/** Bearer tokens look like `td_<prefix>_<secret>`; only a SHA-256 of the whole token is stored. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!/^td_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{20,}$/.test(token)) return null;
  const now = ctx.clock.now();
  const t = await ctx.db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'scopes', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!t || t.revoked_at || (t.expires_at && t.expires_at <= now)) return null;
  // Touch at most once a minute: a busy integration must not turn every read into a write.
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > 60_000) {
    await ctx.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', t.id).execute();
  }
  return loadActor(ctx.db, t.user_id, 'token', t.scopes);
}
