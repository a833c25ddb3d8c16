import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from '../tickets/index.js';
import { findCandidates, loadSubject } from './queries.js';
import { rank, withSharedTerms } from './score.js';
import { loadSettings } from './settings.js';
import { assertSupportStaff, maySeeMassOutages } from './policy.js';
import { presentMassOutageOf } from './mass-outages.js';

const MAX_ITEMS = 20;

/**
 * Requests similar to this one, best first, with the score and why: open requests from the recent pool,
 * plus the likely duplicates stored at intake. Only requests the viewer may read (confidential L3 Security
 * requests only for its members), so nothing the viewer could not open appears here.
 */
export async function findSimilar(ctx: AppContext, actor: Actor, key: string) {
  assertSupportStaff(actor);
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const s = await loadSubject(ctx.db, { id: t.id });
  if (!s) throw new Error('request vanished');
  const settings = await loadSettings(ctx.db);
  const [stored, links] = await Promise.all([
    ctx.db.selectFrom('similar_candidates').select(['candidate_id', 'ticket_id', 'duplicate']).where((eb) => eb.or([eb('ticket_id', '=', t.id), eb('candidate_id', '=', t.id)])).limit(50).execute(),
    ctx.db.selectFrom('ticket_links').select(['ticket_id', 'target_id', 'kind']).where((eb) => eb.or([eb('ticket_id', '=', t.id), eb('target_id', '=', t.id)])).execute(),
  ]);
  const storedIds = stored.map((r) => (r.ticket_id === t.id ? r.candidate_id : r.ticket_id));
  const rows = await findCandidates(ctx.db, s, {
    since: new Date(ctx.clock.now().getTime() - settings.lookbackDays * 86_400_000),
    actor,
    extraIds: storedIds,
  });
  const suggested = new Set(storedIds);
  const ranked = await withSharedTerms(ctx.db, s, rank(s, rows, settings.relatedThreshold).slice(0, MAX_ITEMS));
  const linkOf = (id: string) => {
    const l = links.find((x) => x.ticket_id === id || x.target_id === id);
    if (!l) return null;
    if (l.kind === 'related') return 'related' as const;
    return l.ticket_id === t.id ? ('duplicate_of' as const) : ('duplicated_by' as const);
  };
  const showOutage = await maySeeMassOutages(ctx.db, actor);
  return {
    items: ranked.map((x) => ({
      key: x.row.key,
      subject: x.row.subject,
      status: x.row.status,
      organization: { id: x.row.organization_id, name: x.row.organization_name },
      createdAt: x.row.created_at,
      score: x.score,
      likelyDuplicate: x.reasons.sameOrganization && x.score >= settings.duplicateThreshold,
      suggestedAtIntake: suggested.has(x.row.id),
      link: linkOf(x.row.id),
      reasons: x.reasons,
    })),
    duplicateThreshold: settings.duplicateThreshold,
    massOutage: showOutage && s.mass_outage_id ? await presentMassOutageOf(ctx, actor, s.mass_outage_id) : null,
  };
}
