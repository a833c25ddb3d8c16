import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { OrgRole, StaffRole, UserKind, Locale } from '../../db/schema.js';

/** Who is acting, resolved once per request from a session cookie or a bearer token. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  kind: UserKind;
  locale: Locale;
  organizationId: string | null;
  orgRole: OrgRole | null;
  vendorId: string | null;
  staffRole: StaffRole | null;
  lineIds: string[];
  teamIds: string[];
  /** null for a cookie session (all the user's rights); a token's scopes otherwise. */
  scopes: string[] | null;
  via: 'session' | 'token';
}

export const isStaff = (a: Actor) => a.kind === 'staff';
export const isManager = (a: Actor) => a.staffRole === 'duty_manager' || a.staffRole === 'admin';
export const isAdmin = (a: Actor) => a.staffRole === 'admin';

export async function loadActor(exec: Executor, userId: string, via: Actor['via'], scopes: string[] | null): Promise<Actor | null> {
  // One round trip: this runs on every authenticated request.
  const u = await exec
    .selectFrom('users')
    .select(['id', 'email', 'name', 'kind', 'locale', 'organization_id', 'org_role', 'vendor_id', 'staff_role', 'disabled_at'])
    .select([
      sql<string[]>`coalesce((SELECT array_agg(lm.line_id) FROM line_members lm WHERE lm.user_id = users.id), '{}')`.as('line_ids'),
      sql<string[]>`coalesce((SELECT array_agg(tm.team_id) FROM team_members tm WHERE tm.user_id = users.id), '{}')`.as('team_ids'),
    ])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || u.disabled_at) return null;
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    kind: u.kind,
    locale: u.locale,
    organizationId: u.organization_id,
    orgRole: u.org_role,
    vendorId: u.vendor_id,
    staffRole: u.staff_role,
    lineIds: u.line_ids,
    teamIds: u.team_ids,
    scopes,
    via,
  };
}
