import type { Executor } from '../../db/executor.js';
import { sharedTerms, type CandidateRow, type Subject } from './queries.js';

export interface Reasons {
  /** Terms (stems) both requests use, at most 12. */
  sharedTerms: string[];
  subjectSimilarity: number;
  sameService: boolean;
  sameRegion: boolean;
  sameProject: boolean;
  sameOrganization: boolean;
  sharedResources: string[];
}

export interface Scored {
  row: CandidateRow;
  score: number;
  reasons: Reasons;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * One number in 0..1 and the reasons behind it. Text carries most of the weight: the cosine of the two
 * term sets (binary) blended with trigram similarity of the subjects; then the structured signals add:
 * a shared resource ID is strong evidence, the same service or project moderate, the same region weak
 * (and only counts next to some other evidence, since a busy region alone means nothing).
 */
export function score(s: Subject, c: CandidateRow): Scored {
  const shared = c.n_shared;
  const cosine = shared && s.lexemes.length && c.n_lexemes ? shared / Math.sqrt(s.lexemes.length * c.n_lexemes) : 0;
  const text = Math.min(1, 0.7 * Math.min(1, cosine) + 0.3 * c.subject_similarity);
  const sameService = s.catalogue_item_id !== null && s.catalogue_item_id === c.catalogue_item_id;
  const sameRegion = s.region !== null && c.region !== null && s.region.toLowerCase() === c.region.toLowerCase();
  const sameProject = s.project_id !== null && s.project_id === c.project_id;
  let total = text;
  if (c.shared_resources.length) total += 0.3;
  if (sameService) total += 0.15;
  if (sameProject) total += 0.1;
  if (sameRegion && (text > 0.1 || sameService)) total += 0.05;
  return {
    row: c,
    score: round(Math.min(1, total)),
    reasons: {
      sharedTerms: [],
      subjectSimilarity: round(c.subject_similarity),
      sameService,
      sameRegion,
      sameProject,
      sameOrganization: s.organization_id === c.organization_id,
      sharedResources: c.shared_resources.slice(0, 12),
    },
  };
}

export function rank(s: Subject, rows: CandidateRow[], minScore: number): Scored[] {
  return rows
    .map((r) => score(s, r))
    .filter((x) => x.score >= minScore)
    .sort((a, b) => b.score - a.score || b.row.created_at.getTime() - a.row.created_at.getTime());
}

/** Same service (and region, where both name one) — or, without a service, the same region and similar text. */
export function sameIncidentScope(s: Subject, c: CandidateRow, scored: Scored): boolean {
  if (s.catalogue_item_id) {
    if (c.catalogue_item_id !== s.catalogue_item_id) return false;
    return s.region === null || c.region === null || s.region.toLowerCase() === c.region.toLowerCase();
  }
  if (!s.region || !c.region || s.region.toLowerCase() !== c.region.toLowerCase()) return false;
  return scored.score - 0.05 >= 0.3;
}

/** Fills in the shared terms of the few results that are shown or stored (a second, small query). */
export async function withSharedTerms(exec: Executor, s: Subject, scored: Scored[]): Promise<Scored[]> {
  const terms = await sharedTerms(exec, s, scored.filter((x) => x.row.n_shared > 0).map((x) => x.row.id));
  for (const x of scored) {
    x.reasons.sharedTerms = (terms.get(x.row.id) ?? []).sort((a, b) => b.length - a.length || a.localeCompare(b)).slice(0, 12);
  }
  return scored;
}
