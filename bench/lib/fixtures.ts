import crypto from 'node:crypto';
import type { AppContext } from '../../src/shared/context.js';
import { loadActor } from '../../src/modules/identity/actor.js';
import { createApiToken } from '../../src/modules/identity/api-tokens.js';

export interface BenchUser {
  id: string;
  token: string;
}

/** Issues a read+write bearer token through the real identity module (tokens are SHA-256, no argon2). */
async function tokenFor(ctx: AppContext, userId: string): Promise<BenchUser> {
  const actor = await loadActor(ctx.db, userId, 'session', null);
  if (!actor) throw new Error('user vanished');
  const { token } = await createApiToken(ctx, actor, { name: 'bench', scopes: ['read', 'write'] });
  return { id: userId, token };
}

export async function customer(ctx: AppContext, organizationId: string): Promise<BenchUser> {
  const email = `bench-${crypto.randomBytes(4).toString('hex')}@example.com`;
  const u = await ctx.db
    .insertInto('users')
    .values({ email, name: `Bench customer ${email}`, kind: 'customer', organization_id: organizationId, org_role: 'member', locale: 'en' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return tokenFor(ctx, u.id);
}

export async function organization(ctx: AppContext, name: string, projectIds: string[] = []): Promise<string> {
  const org = await ctx.db.insertInto('organizations').values({ name }).returning('id').executeTakeFirstOrThrow();
  if (projectIds.length) {
    await ctx.db
      .insertInto('organization_projects')
      .values(projectIds.map((p) => ({ project_id: p, organization_id: org.id })))
      .execute();
  }
  return org.id;
}

/** An agent in one team (and its line), as the seeded teams define them. */
export async function agent(ctx: AppContext, teamCode: string): Promise<BenchUser & { teamId: string; lineId: string }> {
  const team = await ctx.db.selectFrom('teams').select(['id', 'line_id']).where('code', '=', teamCode).executeTakeFirstOrThrow();
  const email = `bench-agent-${crypto.randomBytes(4).toString('hex')}@tierdesk.test`;
  const u = await ctx.db
    .insertInto('users')
    .values({ email, name: `Bench agent ${email}`, kind: 'staff', staff_role: 'agent', locale: 'en' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('line_members').values({ line_id: team.line_id, user_id: u.id }).execute();
  await ctx.db.insertInto('team_members').values({ team_id: team.id, user_id: u.id }).execute();
  return { ...(await tokenFor(ctx, u.id)), teamId: team.id, lineId: team.line_id };
}
