import crypto from 'node:crypto';
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { User } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { isAdmin, type Actor } from '../identity/actor.js';
import { hashPassword } from '../identity/passwords.js';
import { createApiToken } from '../identity/api-tokens.js';
import { recordEvent } from '../audit/index.js';
import type { UserInput } from './schemas.js';

const field = (name: string, message: string) => new AppError('VALIDATION_FAILED', 'The request is invalid; see details', [{ field: `body.${name}`, message }]);

/**
 * Admins create any account; an organisation admin may add users to their own organisation only.
 * An integration account gets an API token at once (it has no password).
 */
export async function createUser(ctx: AppContext, actor: Actor, input: UserInput): Promise<{ user: User; token?: string }> {
  const orgAdminOfTarget = input.kind === 'customer' && actor.kind === 'customer' && actor.orgRole === 'admin' && actor.organizationId === input.organizationId;
  if (!isAdmin(actor) && !orgAdminOfTarget) throw new AppError('FORBIDDEN', 'Only an administrator or the organisation admin may add users');
  const passwordHash = 'password' in input && input.password ? await hashPassword(input.password) : null;
  const user = await ctx.db.transaction().execute(async (trx) => {
    const email = input.email ?? `integration-${crypto.randomBytes(4).toString('hex')}@integrations.invalid`;
    const dup = await trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', 'A user with this e-mail already exists', [{ field: 'body.email', message: 'taken' }]);
    const base = { email, name: input.name, password_hash: passwordHash, locale: ('locale' in input && input.locale) || 'ru' };
    let row: User;
    switch (input.kind) {
      case 'customer': {
        const org = await trx.selectFrom('organizations').select('language').where('id', '=', input.organizationId).executeTakeFirst();
        if (!org) throw field('organizationId', 'no such organisation');
        row = await trx
          .insertInto('users')
          .values({ ...base, locale: input.locale ?? org.language, kind: 'customer', organization_id: input.organizationId, org_role: input.orgRole })
          .returningAll()
          .executeTakeFirstOrThrow();
        break;
      }
      case 'staff': {
        row = await trx.insertInto('users').values({ ...base, kind: 'staff', staff_role: input.staffRole }).returningAll().executeTakeFirstOrThrow();
        await setMemberships(trx, row.id, input.lineCodes, input.teamCodes);
        break;
      }
      case 'vendor': {
        const v = await trx.selectFrom('vendors').select('id').where('id', '=', input.vendorId).executeTakeFirst();
        if (!v) throw field('vendorId', 'no such vendor');
        row = await trx.insertInto('users').values({ ...base, kind: 'vendor', vendor_id: input.vendorId }).returningAll().executeTakeFirstOrThrow();
        break;
      }
      case 'integration':
        row = await trx.insertInto('users').values({ ...base, password_hash: null, kind: 'integration', locale: 'en' }).returningAll().executeTakeFirstOrThrow();
        break;
    }
    await recordEvent(trx, ctx.jobs, {
      type: 'user.created',
      organizationId: row.organization_id,
      actorId: actor.userId,
      visibility: 'internal',
      data: { userId: row.id, kind: row.kind },
    });
    return row;
  });
  if (user.kind === 'integration') {
    const { token } = await createApiToken(ctx, actor, { name: `${user.name} token`, scopes: ['read', 'write'], userId: user.id });
    return { user, token };
  }
  return { user };
}

async function setMemberships(exec: Executor, userId: string, lineCodes: string[], teamCodes: string[]) {
  const lines = lineCodes.length ? await exec.selectFrom('lines').select(['id', 'code']).where('code', 'in', lineCodes).execute() : [];
  const teams = teamCodes.length ? await exec.selectFrom('teams').select(['id', 'code']).where('code', 'in', teamCodes).execute() : [];
  const unknownLines = lineCodes.filter((c) => !lines.some((l) => l.code === c));
  const unknownTeams = teamCodes.filter((c) => !teams.some((t) => t.code === c));
  if (unknownLines.length) throw field('lineCodes', `unknown lines: ${unknownLines.join(', ')}`);
  if (unknownTeams.length) throw field('teamCodes', `unknown teams: ${unknownTeams.join(', ')}`);
  await exec.deleteFrom('line_members').where('user_id', '=', userId).execute();
  await exec.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (lines.length) await exec.insertInto('line_members').values(lines.map((l) => ({ line_id: l.id, user_id: userId }))).execute();
  if (teams.length) await exec.insertInto('team_members').values(teams.map((t) => ({ team_id: t.id, user_id: userId }))).execute();
}

/** Disabling ends the user's sessions and tokens at once; history keeps their name. */
export async function setUserDisabled(ctx: AppContext, actor: Actor, userId: string, disabled: boolean) {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an administrator may disable users');
  if (userId === actor.userId) throw new AppError('CONFLICT', 'You cannot disable yourself');
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('users').set({ disabled_at: disabled ? ctx.clock.now() : null }).where('id', '=', userId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('USER_NOT_FOUND', 'User not found');
    if (disabled) {
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await trx.updateTable('api_tokens').set({ revoked_at: ctx.clock.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    }
    await recordEvent(trx, ctx.jobs, { type: disabled ? 'user.disabled' : 'user.enabled', actorId: actor.userId, visibility: 'internal', data: { userId } });
  });
}

export async function listUsers(ctx: AppContext, actor: Actor, filter: { kind?: User['kind']; organizationId?: string }) {
  let q = ctx.db.selectFrom('users').selectAll().orderBy('name').limit(1000);
  if (actor.kind === 'customer') {
    if (actor.orgRole !== 'admin') throw new AppError('FORBIDDEN', 'Only the organisation admin may list users');
    q = q.where('organization_id', '=', actor.organizationId);
  } else if (actor.kind !== 'staff') {
    throw new AppError('FORBIDDEN', 'Not allowed');
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.organizationId) q = q.where('organization_id', '=', filter.organizationId);
  return q.execute();
}

export const presentUser = (u: User) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  kind: u.kind,
  organizationId: u.organization_id,
  orgRole: u.org_role,
  staffRole: u.staff_role,
  vendorId: u.vendor_id,
  locale: u.locale,
  disabled: u.disabled_at !== null,
  createdAt: u.created_at,
});
