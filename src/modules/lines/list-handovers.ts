import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { assertMaySeeInternals } from './policy.js';

/** Hand-overs newest first: the receiving line reads the latest one before anything else. */
export async function listHandovers(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  assertMaySeeInternals(actor);
  const rows = await ctx.db
    .selectFrom('ticket_handovers as h')
    .leftJoin('lines as fl', 'fl.id', 'h.from_line_id')
    .innerJoin('lines as tl', 'tl.id', 'h.to_line_id')
    .leftJoin('teams as ft', 'ft.id', 'h.from_team_id')
    .leftJoin('teams as tt', 'tt.id', 'h.to_team_id')
    .leftJoin('escalation_reasons as r', 'r.id', 'h.reason_id')
    .leftJoin('users as u', 'u.id', 'h.actor_id')
    .select([
      'h.id', 'h.kind', 'fl.code as from_line', 'ft.code as from_team', 'tl.code as to_line', 'tt.code as to_team',
      'r.code as reason_code', 'r.name_en as reason_en', 'r.name_ru as reason_ru',
      'h.reason_text', 'h.checked', 'h.found', 'h.told_customer', 'h.instructions', 'h.actor_id', 'u.name as actor_name', 'h.created_at',
    ])
    .where('h.ticket_id', '=', t.id)
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  return {
    items: rows.map((h) => ({
      id: h.id,
      kind: h.kind,
      fromLine: h.from_line,
      fromTeam: h.from_team,
      toLine: h.to_line,
      toTeam: h.to_team,
      reason: h.reason_code ? { code: h.reason_code, name: (actor.locale === 'ru' ? h.reason_ru : h.reason_en) ?? h.reason_code } : null,
      reasonText: h.reason_text,
      checked: h.checked,
      found: h.found,
      toldCustomer: h.told_customer,
      instructions: h.instructions,
      actor: h.actor_id ? { id: h.actor_id, name: h.actor_name ?? '' } : null,
      createdAt: h.created_at,
    })),
  };
}
