import type { Executor } from '../../db/executor.js';
import type { Actor } from './actor.js';

export async function presentMe(exec: Executor, a: Actor) {
  const [org, lines, teams] = await Promise.all([
    a.organizationId ? exec.selectFrom('organizations').select(['id', 'name']).where('id', '=', a.organizationId).executeTakeFirst() : undefined,
    a.lineIds.length ? exec.selectFrom('lines').select(['id', 'code']).where('id', 'in', a.lineIds).orderBy('level').execute() : [],
    a.teamIds.length
      ? exec.selectFrom('teams').select(['id', 'code', 'line_id', 'name_en', 'name_ru']).where('id', 'in', a.teamIds).orderBy('code').execute()
      : [],
  ]);
  return {
    id: a.userId,
    email: a.email,
    name: a.name,
    kind: a.kind,
    locale: a.locale,
    organization: org ?? null,
    orgRole: a.orgRole,
    staffRole: a.staffRole,
    vendorId: a.vendorId,
    lines,
    teams: teams.map((t) => ({ id: t.id, code: t.code, lineId: t.line_id, name: a.locale === 'ru' ? t.name_ru : t.name_en })),
  };
}
