import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Ticket, TicketType } from '../../db/schema.js';

/** The item and every item above it, nearest first. */
export async function catalogueLineage(exec: Executor, itemId: string): Promise<Array<{ id: string; code: string }>> {
  const res = await sql<{ id: string; code: string; depth: number }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, code, 0 AS depth FROM catalogue_items WHERE id = ${itemId}
      UNION ALL
      SELECT c.id, c.parent_id, c.code, up.depth + 1 FROM catalogue_items c JOIN up ON c.id = up.parent_id WHERE up.depth < 20
    )
    SELECT id, code, depth FROM up ORDER BY depth`.execute(exec);
  return res.rows.map((r) => ({ id: r.id, code: r.code }));
}

export async function currentRuleSetRow(exec: Executor) {
  return exec.selectFrom('routing_rule_sets').select(['version', 'rules', 'created_at']).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/**
 * The team of a line that should take a request: an active team whose skills cover the catalogue item
 * (nearest item first), else the first active team of the line; confidential teams only for security.
 */
export async function pickTeamForLine(
  exec: Executor,
  lineId: string,
  lineage: Array<{ id: string; code: string }>,
  type: TicketType,
): Promise<{ id: string; confidential: boolean } | null> {
  const teams = await exec
    .selectFrom('teams')
    .select(['id', 'code', 'confidential'])
    .where('line_id', '=', lineId)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  const eligible = teams.filter((t) => !t.confidential || type === 'security');
  if (eligible.length === 0) return null;
  if (lineage.length > 0) {
    const skills = await exec.selectFrom('team_skills').select(['team_id', 'catalogue_item_id']).where('team_id', 'in', eligible.map((t) => t.id)).execute();
    // Teams without skills set by an admin use the seeded defaults for their code.
    const defaults = await settingMap(exec, 'lines.default_team_skills');
    const covers = (team: (typeof eligible)[number], item: { id: string; code: string }) =>
      skills.some((s) => s.team_id === team.id)
        ? skills.some((s) => s.team_id === team.id && s.catalogue_item_id === item.id)
        : (defaults[team.code] ?? []).includes(item.code);
    for (const item of lineage) {
      const hit = eligible.find((t) => covers(t, item));
      if (hit) return { id: hit.id, confidential: hit.confidential };
    }
  }
  const preferred = (type === 'security' ? eligible.find((t) => t.confidential) : undefined) ?? eligible[0];
  return preferred ? { id: preferred.id, confidential: preferred.confidential } : null;
}

/** A settings row holding { key: string[] }; anything else reads as empty. */
export async function settingMap(exec: Executor, key: string): Promise<Record<string, string[]>> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  const out: Record<string, string[]> = {};
  if (row?.value && typeof row.value === 'object' && !Array.isArray(row.value)) {
    for (const [k, v] of Object.entries(row.value as Record<string, unknown>)) {
      if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    }
  }
  return out;
}

export const keepsCustomerContact = (line: { level: number; keeps_customer_contact: boolean | null }) => line.keeps_customer_contact ?? line.level === 1;

export async function deskTimeZone(exec: Executor): Promise<string> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', 'desk.time_zone').executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : 'Europe/Moscow';
}

/** The request's line state, created on first use from the request itself (it entered its line when created). */
export async function loadOwnership(exec: Executor, t: Pick<Ticket, 'id' | 'created_at'>) {
  const row = await exec.selectFrom('ticket_ownership').selectAll().where('ticket_id', '=', t.id).executeTakeFirst();
  return (
    row ?? {
      ticket_id: t.id,
      customer_line_id: null,
      customer_team_id: null,
      customer_agent_id: null,
      line_entered_at: t.created_at,
      escalations: 0,
      returns: 0,
      returned_at: null,
    }
  );
}

export type Ownership = Awaited<ReturnType<typeof loadOwnership>>;

export async function saveOwnership(exec: Executor, o: Ownership): Promise<void> {
  const { ticket_id: _id, ...rest } = o;
  await exec
    .insertInto('ticket_ownership')
    .values(o)
    .onConflict((oc) => oc.column('ticket_id').doUpdateSet(rest))
    .execute();
}

export async function addTags(exec: Executor, ticketId: string, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await exec
    .insertInto('ticket_tags')
    .values([...new Set(tags)].map((tag) => ({ ticket_id: ticketId, tag })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export const openStatuses = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold'] as const;
