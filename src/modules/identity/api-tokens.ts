import crypto from 'node:crypto';
import type { AppContext } from '../../shared/context.js';
import { AppError } from '../../shared/errors.js';
import { randomToken, sha256Hex } from '../../shared/ids.js';
import { isAdmin, type Actor } from './actor.js';

export const tokenScopes = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function alphanumeric(n: number): string {
  const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(n);
  return Array.from(bytes, (b) => abc[b % abc.length]).join('');
}

/** Issues a token for the actor itself, or (admin) for an integration user. The secret is shown once. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; scopes: TokenScope[]; expiresAt?: Date; userId?: string },
): Promise<{ token: string; view: TokenView }> {
  const ownerId = input.userId ?? actor.userId;
  if (ownerId !== actor.userId && !isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin may issue tokens for other users');
  if (input.scopes.includes('admin') && !isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an admin may issue admin-scoped tokens');
  if (actor.scopes && !actor.scopes.includes('admin')) throw new AppError('FORBIDDEN', 'A token cannot mint tokens without the admin scope');
  if (input.expiresAt && input.expiresAt <= ctx.clock.now()) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'body.expiresAt', message: 'must be in the future' }]);
  }
  if (ownerId !== actor.userId) {
    // Tokens for someone else are for integration accounts only: an admin must not be able to act as a person.
    const owner = await ctx.db.selectFrom('users').select(['kind', 'disabled_at']).where('id', '=', ownerId).executeTakeFirst();
    if (!owner || owner.disabled_at) throw new AppError('USER_NOT_FOUND', 'User not found');
    if (owner.kind !== 'integration') {
      throw new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: 'body.userId', message: 'tokens can be issued for integration users only' }]);
    }
  }
  const prefix = alphanumeric(8);
  const token = `td_${prefix}_${randomToken(30)}`;
  const row = await ctx.db
    .insertInto('api_tokens')
    .values({
      user_id: ownerId,
      name: input.name,
      prefix,
      token_hash: sha256Hex(token),
      scopes: input.scopes,
      expires_at: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, view: toView(row) };
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<TokenView[]> {
  const rows = await ctx.db.selectFrom('api_tokens').selectAll().where('user_id', '=', actor.userId).orderBy('created_at', 'desc').execute();
  return rows.map(toView);
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const res = await ctx.db
    .updateTable('api_tokens')
    .set({ revoked_at: ctx.clock.now() })
    .where('id', '=', id)
    .where((eb) => (isAdmin(actor) ? eb.val(true) : eb('user_id', '=', actor.userId)))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('TOKEN_NOT_FOUND', 'Token not found');
}

function toView(r: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): TokenView {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}
