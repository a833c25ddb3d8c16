import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Ticket } from '../../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/load-ticket.js';
import { assertCanTriage } from './policy.js';
import { readThreshold } from './queries.js';
import { PRODUCT_TARGETS } from './catalogue-map.js';

/** The request's values per target, as the classifier labels them (catalogue and line by code). */
export async function currentLabels(exec: Executor, t: Pick<Ticket, 'type' | 'priority' | 'catalogue_item_id' | 'line_id'>) {
  const [item, line] = await Promise.all([
    t.catalogue_item_id ? exec.selectFrom('catalogue_items').select('code').where('id', '=', t.catalogue_item_id).executeTakeFirst() : undefined,
    t.line_id ? exec.selectFrom('lines').select('code').where('id', '=', t.line_id).executeTakeFirst() : undefined,
  ]);
  return { type: t.type, catalogue: item?.code ?? null, priority: t.priority, line: line?.code ?? null } as Record<(typeof PRODUCT_TARGETS)[number], string | null>;
}

/** The stored suggestion of a request with what it would change, for L1 (staff only). */
export async function getClassification(ctx: AppContext, actor: Actor, key: string) {
  assertCanTriage(actor);
  const t = await loadVisibleTicket(ctx.db, actor, key);
  return presentClassification(ctx.db, t);
}

export async function presentClassification(exec: Executor, t: Ticket) {
  const [rows, current, threshold] = await Promise.all([
    exec
      .selectFrom('ticket_classifications as c')
      .leftJoin('users as u', 'u.id', 'c.decided_by')
      .selectAll('c')
      .select('u.name as decided_by_name')
      .where('c.ticket_id', '=', t.id)
      .execute(),
    currentLabels(exec, t),
    readThreshold(exec),
  ]);
  const codes = rows.filter((r) => r.target === 'catalogue').map((r) => r.label);
  const lineCodes = rows.filter((r) => r.target === 'line').map((r) => r.label);
  const [items, lines] = await Promise.all([
    codes.length ? exec.selectFrom('catalogue_items').select(['code', 'name_en', 'name_ru']).where('code', 'in', codes).execute() : [],
    lineCodes.length ? exec.selectFrom('lines').select(['code', 'name_en', 'name_ru']).where('code', 'in', lineCodes).execute() : [],
  ]);
  const names = new Map([...items, ...lines].map((r) => [r.code, { en: r.name_en, ru: r.name_ru }]));
  const order = (target: string) => PRODUCT_TARGETS.indexOf(target as (typeof PRODUCT_TARGETS)[number]);
  const suggestions = rows
    .sort((a, b) => order(a.target) - order(b.target))
    .map((r) => ({
      target: r.target,
      label: r.label,
      labelName: r.target === 'catalogue' || r.target === 'line' ? (names.get(r.label) ?? null) : null,
      confidence: r.confidence,
      explanation: r.explanation,
      rule: r.rule,
      applied: r.applied,
      current: current[r.target],
      matches: current[r.target] === r.label,
      decision: r.decision,
      decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
      decidedAt: r.decided_at,
    }));
  return {
    key: t.key,
    ticketVersion: t.version,
    modelVersion: rows[0]?.model_id ?? null,
    threshold,
    pending: suggestions.some((s) => !s.applied && !s.decision && !s.matches && s.target !== 'line'),
    suggestions,
  };
}
