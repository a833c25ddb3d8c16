import type { Executor } from '../../db/executor.js';
import type { Priority, TicketType } from '../../db/schema.js';

/**
 * Default ownership until the routing rules of the lines module decide: the catalogue item's
 * defaults, security reports to L3 Security, everything else to L1 (which takes in every request).
 */
export async function defaultRouting(
  exec: Executor,
  input: { type: TicketType; catalogueItemId: string | null },
): Promise<{ lineId: string | null; teamId: string | null; confidential: boolean }> {
  if (input.catalogueItemId) {
    const item = await exec
      .selectFrom('catalogue_items')
      .select(['default_line_id', 'default_team_id'])
      .where('id', '=', input.catalogueItemId)
      .executeTakeFirst();
    if (item?.default_team_id) return withTeam(exec, item.default_team_id);
    if (item?.default_line_id) return withLine(exec, item.default_line_id);
  }
  if (input.type === 'security') {
    const team = await exec.selectFrom('teams').select('id').where('confidential', '=', true).orderBy('code').executeTakeFirst();
    if (team) return withTeam(exec, team.id);
  }
  const l1 = await exec.selectFrom('lines').select('id').orderBy('level').executeTakeFirst();
  return l1 ? withLine(exec, l1.id) : { lineId: null, teamId: null, confidential: false };
}

async function withTeam(exec: Executor, teamId: string) {
  const t = await exec.selectFrom('teams').select(['id', 'line_id', 'confidential']).where('id', '=', teamId).executeTakeFirstOrThrow();
  return { lineId: t.line_id, teamId: t.id, confidential: t.confidential };
}

async function withLine(exec: Executor, lineId: string) {
  const t = await exec.selectFrom('teams').select(['id', 'confidential']).where('line_id', '=', lineId).orderBy('code').executeTakeFirst();
  return { lineId, teamId: t?.id ?? null, confidential: t?.confidential ?? false };
}

export function defaultPriority(type: TicketType): Priority {
  if (type === 'security') return 'high';
  if (type === 'incident') return 'medium';
  return 'low';
}
