import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import { randomToken, sha256Hex } from '../../shared/ids.js';
import { burnVerify, verifyPassword } from './passwords.js';
import { accountLocked, invalidCredentials, loginRateLimited } from './errors.js';

export interface LoginResult {
  userId: string;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Password sign-in. Rate-limited per client address, and per account: after N failures the account
 * locks for a while. Failures are recorded in the database so the limits hold across processes.
 */
export async function login(
  ctx: AppContext,
  input: { email: string; password: string; ip: string; userAgent?: string },
): Promise<LoginResult> {
  const now = ctx.clock.now();
  const minuteAgo = new Date(now.getTime() - 60_000);
  const bucket = `ip:${input.ip}`;
  const recent = await ctx.db
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', bucket)
    .where('at', '>', minuteAgo)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= ctx.config.loginRatePerMinute) throw loginRateLimited();
  await ctx.db.insertInto('login_attempts').values({ bucket, at: now, success: false }).execute();

  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'password_hash', 'failed_logins', 'locked_until', 'disabled_at', 'is_demo', 'kind'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user || user.disabled_at || user.kind === 'integration' || (user.is_demo && !ctx.config.demo)) {
    await burnVerify(input.password);
    throw invalidCredentials();
  }
  if (user.locked_until && user.locked_until > now) throw accountLocked(user.locked_until);

  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lockedUntil = new Date(now.getTime() + ctx.config.loginLockoutMinutes * 60_000);
    // Count in the UPDATE itself: parallel guesses that all read the same failed_logins must not
    // each write "+1" over one another and so never reach the limit.
    const reachesLimit = sql<boolean>`failed_logins + 1 >= ${ctx.config.loginMaxFailures}`;
    const counted = await ctx.db
      .updateTable('users')
      .set({
        failed_logins: sql<number>`CASE WHEN ${reachesLimit} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql<Date | null>`CASE WHEN ${reachesLimit} THEN ${lockedUntil}::timestamptz ELSE locked_until END`,
      })
      .where('id', '=', user.id)
      .returning('locked_until')
      .executeTakeFirst();
    if (counted?.locked_until && counted.locked_until.getTime() === lockedUntil.getTime()) throw accountLocked(lockedUntil);
    throw invalidCredentials();
  }

  const sessionToken = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx
      .insertInto('sessions')
      .values({
        id_hash: sha256Hex(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
  });
  return { userId: user.id, sessionToken, csrfToken, expiresAt };
}

export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('id_hash', '=', sha256Hex(sessionToken)).execute();
}
