import crypto from 'node:crypto';
import type { AppContext } from '../../src/shared/context.js';
import { loadActor, type Actor } from '../../src/modules/identity/actor.js';
import { createApiToken } from '../../src/modules/identity/api-tokens.js';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { createTicket } from '../../src/modules/tickets/create-ticket.js';
import type { CreateTicketInput } from '../../src/modules/tickets/schemas.js';
import type { OrgRole, StaffRole } from '../../src/db/schema.js';

export interface TestUser {
  id: string;
  email: string;
  actor: Actor;
  /** A bearer token with read+write (and admin for admins). */
  token: string;
}

const uniq = () => crypto.randomBytes(4).toString('hex');
let projectSeq = Math.floor(Math.random() * 1e8);

/** Builds customers, agents and requests through the real data layer; every test makes its own. */
export class Factories {
  constructor(private readonly ctx: AppContext) {}

  async org(opts: { name?: string; projects?: number } = {}) {
    const org = await this.ctx.db
      .insertInto('organizations')
      .values({ name: opts.name ?? `Org ${uniq()}` })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const projectIds: string[] = [];
    for (let i = 0; i < (opts.projects ?? 1); i++) {
      const pid = `mcs${String(projectSeq++ % 1e10).padStart(10, '0')}`;
      await this.ctx.db.insertInto('organization_projects').values({ project_id: pid, organization_id: org.id }).execute();
      projectIds.push(pid);
    }
    return { ...org, projectIds };
  }

  private async finish(id: string, email: string, scopes: Array<'read' | 'write' | 'admin'>): Promise<TestUser> {
    const actor = await loadActor(this.ctx.db, id, 'session', null);
    if (!actor) throw new Error('user vanished');
    const { token } = await createApiToken(this.ctx, actor, { name: 'test', scopes: actor.staffRole === 'admin' ? [...scopes, 'admin'] : scopes });
    return { id, email, actor: { ...actor, scopes: null }, token };
  }

  async customer(orgId: string, opts: { role?: OrgRole; password?: string; locale?: 'ru' | 'en' } = {}): Promise<TestUser> {
    const email = `c-${uniq()}@example.com`;
    const u = await this.ctx.db
      .insertInto('users')
      .values({
        email,
        name: `Customer ${email}`,
        kind: 'customer',
        organization_id: orgId,
        org_role: opts.role ?? 'member',
        password_hash: opts.password ? await hashPassword(opts.password) : null,
        locale: opts.locale ?? 'en',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.finish(u.id, email, ['read', 'write']);
  }

  async staff(opts: { role?: StaffRole; lines?: string[]; teams?: string[]; password?: string } = {}): Promise<TestUser> {
    const email = `s-${uniq()}@tierdesk.test`;
    const u = await this.ctx.db
      .insertInto('users')
      .values({ email, name: `Agent ${email}`, kind: 'staff', staff_role: opts.role ?? 'agent', password_hash: opts.password ? await hashPassword(opts.password) : null, locale: 'en' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of opts.lines ?? ['L1']) {
      const line = await this.ctx.db.selectFrom('lines').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      await this.ctx.db.insertInto('line_members').values({ line_id: line.id, user_id: u.id }).execute();
    }
    for (const code of opts.teams ?? ['L1-DUTY']) {
      const team = await this.ctx.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      await this.ctx.db.insertInto('team_members').values({ team_id: team.id, user_id: u.id }).execute();
    }
    return this.finish(u.id, email, ['read', 'write']);
  }

  async vendor(): Promise<TestUser & { vendorId: string }> {
    const v = await this.ctx.db.insertInto('vendors').values({ name: `Vendor ${uniq()}` }).returning('id').executeTakeFirstOrThrow();
    const email = `v-${uniq()}@vendor.test`;
    const u = await this.ctx.db
      .insertInto('users')
      .values({ email, name: 'Vendor person', kind: 'vendor', vendor_id: v.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...(await this.finish(u.id, email, ['read', 'write'])), vendorId: v.id };
  }

  /** The usual authorisation cast: a customer of an organisation, one of another, an agent, a duty manager, an admin, a vendor. */
  async cast() {
    const org = await this.org();
    const customer = await this.customer(org.id);
    const stranger = await this.customer((await this.org()).id);
    const agent = await this.staff();
    const manager = await this.staff({ role: 'duty_manager' });
    const admin = await this.staff({ role: 'admin' });
    const vendor = await this.vendor();
    return { org, customer, stranger, agent, manager, admin, vendor };
  }

  async ticket(customer: TestUser, input: Partial<CreateTicketInput> = {}) {
    const res = await createTicket(this.ctx, customer.actor, {
      subject: input.subject ?? 'VM does not start',
      description: input.description ?? 'The VM is stuck in ERROR after a reboot.',
      ...input,
    });
    return res.key;
  }

  async teamId(code: string): Promise<string> {
    return (await this.ctx.db.selectFrom('teams').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  }

  async lineId(code: string): Promise<string> {
    return (await this.ctx.db.selectFrom('lines').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  }
}
