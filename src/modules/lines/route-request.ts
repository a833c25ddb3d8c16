import type { Executor } from '../../db/executor.js';
import type { Channel, Priority, TicketType } from '../../db/schema.js';
import { evaluateRules, ruleSet, type RoutingFacts, type RoutingRule, type RuleTrace } from './rules.js';
import { catalogueLineage, currentRuleSetRow, pickTeamForLine } from './queries.js';
import { peekPending } from '../classification/pending.js';

export interface RoutingInput {
  type: TicketType;
  catalogueItemId: string | null;
  priority?: Priority | null;
  organizationId?: string | null;
  channel?: Channel | null;
  region?: string | null;
  subject?: string;
  description?: string;
  /** The classifier's suggestion; by default the one computed for the request being created in `exec`. */
  classified?: RoutingFacts['classified'];
}

export interface RoutingDecision {
  lineId: string | null;
  teamId: string | null;
  confidential: boolean;
  /** Set when the matching rule sets a priority. */
  priority: Priority | null;
  tags: string[];
  /** Set when the matching rule raises the request to the duty manager. */
  managerEscalation: string | null;
  ruleId: string | null;
  ruleSetVersion: number | null;
  /** How the line and team were chosen: a rule, the catalogue item's defaults, or the L1 fallback. */
  source: 'rule' | 'catalogue' | 'fallback';
}

// Parsed rule sets by version; a saved version never changes, so the cache never goes stale.
const parsed = new Map<string, RoutingRule[]>();

export async function currentRules(exec: Executor): Promise<{ version: number | null; rules: RoutingRule[] }> {
  const row = await currentRuleSetRow(exec);
  if (!row) return { version: null, rules: [] };
  const key = `${row.version}@${row.created_at.getTime()}`;
  let rules = parsed.get(key);
  if (!rules) {
    const res = ruleSet.safeParse(row.rules);
    rules = res.success ? res.data : [];
    parsed.set(key, rules);
  }
  return { version: row.version, rules };
}

export async function gatherFacts(exec: Executor, input: RoutingInput) {
  const lineage = input.catalogueItemId ? await catalogueLineage(exec, input.catalogueItemId) : [];
  const plan = input.organizationId
    ? await exec
        .selectFrom('organizations as o')
        .leftJoin('support_plans as p', 'p.id', 'o.support_plan_id')
        .select('p.code')
        .where('o.id', '=', input.organizationId)
        .executeTakeFirst()
    : undefined;
  const facts: RoutingFacts = {
    type: input.type,
    priority: input.priority ?? null,
    channel: input.channel ?? null,
    region: input.region ?? null,
    organizationId: input.organizationId ?? null,
    planCode: plan?.code ?? null,
    catalogueCodes: lineage.map((l) => l.code),
    subject: input.subject ?? '',
    description: input.description ?? '',
    classified: input.classified !== undefined ? input.classified : (peekPending(exec)?.suggestions ?? null),
  };
  return { facts, lineage };
}

/**
 * Decides the owning line and team of a new request: the first matching rule of the rule set in force
 * (or of `draft`, for a dry run), else the catalogue item's defaults, else L1.
 */
export async function routeRequest(
  exec: Executor,
  input: RoutingInput,
  opts: { draft?: RoutingRule[]; explain?: boolean } = {},
): Promise<RoutingDecision & { trace: RuleTrace[]; facts: RoutingFacts }> {
  const { facts, lineage } = await gatherFacts(exec, input);
  const { version, rules } = opts.draft ? { version: null, rules: opts.draft } : await currentRules(exec);
  const { rule, trace } = evaluateRules(rules, facts, opts.explain);
  const base = { priority: rule?.then.priority ?? null, tags: rule?.then.tags ?? [], managerEscalation: rule?.then.managerEscalation ?? null, ruleId: rule?.id ?? null, ruleSetVersion: version, trace, facts };

  if (rule?.then.teamCode) {
    const team = await exec.selectFrom('teams').select(['id', 'line_id', 'confidential']).where('code', '=', rule.then.teamCode).executeTakeFirst();
    if (team) return { ...base, lineId: team.line_id, teamId: team.id, confidential: team.confidential, source: 'rule' };
  }
  if (rule?.then.lineCode) {
    const line = await exec.selectFrom('lines').select('id').where('code', '=', rule.then.lineCode).executeTakeFirst();
    if (line) {
      const team = await pickTeamForLine(exec, line.id, lineage, input.type);
      return { ...base, lineId: line.id, teamId: team?.id ?? null, confidential: team?.confidential ?? false, source: 'rule' };
    }
  }
  const first = lineage[0];
  if (first) {
    const item = await exec.selectFrom('catalogue_items').select(['default_line_id', 'default_team_id']).where('id', '=', first.id).executeTakeFirst();
    if (item?.default_team_id) {
      const team = await exec.selectFrom('teams').select(['id', 'line_id', 'confidential']).where('id', '=', item.default_team_id).executeTakeFirstOrThrow();
      return { ...base, lineId: team.line_id, teamId: team.id, confidential: team.confidential, source: 'catalogue' };
    }
    if (item?.default_line_id) {
      const team = await pickTeamForLine(exec, item.default_line_id, lineage, input.type);
      return { ...base, lineId: item.default_line_id, teamId: team?.id ?? null, confidential: team?.confidential ?? false, source: 'catalogue' };
    }
  }
  const l1 = await exec.selectFrom('lines').select('id').orderBy('level').executeTakeFirst();
  if (!l1) return { ...base, lineId: null, teamId: null, confidential: false, source: 'fallback' };
  const team = await pickTeamForLine(exec, l1.id, lineage, input.type);
  return { ...base, lineId: l1.id, teamId: team?.id ?? null, confidential: team?.confidential ?? false, source: 'fallback' };
}
