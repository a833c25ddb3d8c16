import { z } from 'zod';
// schemas.js directly, not the tickets index: tickets/routing.ts imports this module, and the index would be a cycle.
import { channels, priorities, ticketTypes } from '../tickets/schemas.js';
import type { Channel, Priority, TicketType } from '../../db/schema.js';

const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200).optional();

export const ruleConditions = z
  .strictObject({
    types: list(z.enum(ticketTypes)).describe('request type is one of these'),
    catalogueItemCodes: list(z.string().min(1).max(100)).describe('the catalogue item or any item above it has one of these codes'),
    priorities: list(z.enum(priorities)),
    organizationIds: list(z.uuid()),
    planCodes: list(z.string().min(1).max(64)).describe("the organisation's support plan"),
    channels: list(z.enum(channels)),
    regions: list(z.string().min(1).max(64)).describe('case-insensitive'),
    text: list(z.string().trim().min(2).max(200)).describe('any of these phrases in the subject or description, case-insensitive'),
    classified: z
      .strictObject({
        types: list(z.enum(ticketTypes)),
        catalogueItemCodes: list(z.string().min(1).max(100)),
        priorities: list(z.enum(priorities)),
        minConfidence: z.number().min(0).max(1).describe('each listed target must be suggested with at least this confidence'),
      })
      .refine((c) => c.types || c.catalogueItemCodes || c.priorities, { message: 'name at least one of types, catalogueItemCodes, priorities' })
      .optional()
      .describe("the classifier's suggestion for the request (not what is set on it)"),
  })
  .describe('all given conditions must hold; an empty object matches every request');

export const ruleActions = z
  .strictObject({
    lineCode: z.string().min(1).max(20).optional().describe('e.g. L2; the team is chosen by skills when teamCode is absent'),
    teamCode: z.string().min(1).max(64).optional().describe('e.g. L3-SECURITY; sets the line too'),
    priority: z.enum(priorities).optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
    managerEscalation: z.string().trim().min(1).max(500).optional().describe('raise the new request to the duty manager with this reason'),
  })
  .refine((a) => a.lineCode || a.teamCode || a.priority || a.tags?.length || a.managerEscalation, { message: 'a rule must set something' });

export const routingRule = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes').describe('stable id, shown in explanations'),
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional().describe('default true'),
  when: ruleConditions,
  then: ruleActions,
});

export const ruleSet = z
  .array(routingRule)
  .max(500)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: 'rule ids must be unique' });

export type RoutingRule = z.infer<typeof routingRule>;
export type RuleConditions = z.infer<typeof ruleConditions>;

/** What rules look at, gathered once per request. */
export interface RoutingFacts {
  type: TicketType;
  priority: Priority | null;
  channel: Channel | null;
  region: string | null;
  organizationId: string | null;
  planCode: string | null;
  /** The catalogue item's code and the codes of every item above it. */
  catalogueCodes: string[];
  subject: string;
  description: string;
  /** The classifier's suggestion per target, when the request was classified. */
  classified?: Partial<Record<'type' | 'catalogue' | 'priority' | 'line', { label: string; confidence: number }>> | null;
}

export interface ConditionCheck {
  condition: keyof RuleConditions;
  expected: unknown;
  actual: unknown;
  ok: boolean;
}

function check(cond: RuleConditions, f: RoutingFacts): ConditionCheck[] {
  const out: ConditionCheck[] = [];
  const add = (condition: keyof RuleConditions, expected: unknown, actual: unknown, ok: boolean) => out.push({ condition, expected, actual, ok });
  if (cond.types) add('types', cond.types, f.type, cond.types.includes(f.type));
  if (cond.catalogueItemCodes) add('catalogueItemCodes', cond.catalogueItemCodes, f.catalogueCodes, cond.catalogueItemCodes.some((c) => f.catalogueCodes.includes(c)));
  if (cond.priorities) add('priorities', cond.priorities, f.priority, f.priority !== null && cond.priorities.includes(f.priority));
  if (cond.organizationIds) add('organizationIds', cond.organizationIds, f.organizationId, f.organizationId !== null && cond.organizationIds.includes(f.organizationId));
  if (cond.planCodes) add('planCodes', cond.planCodes, f.planCode, f.planCode !== null && cond.planCodes.includes(f.planCode));
  if (cond.channels) add('channels', cond.channels, f.channel, f.channel !== null && cond.channels.includes(f.channel));
  if (cond.regions) {
    const region = f.region?.toLowerCase() ?? null;
    add('regions', cond.regions, f.region, region !== null && cond.regions.some((r) => r.toLowerCase() === region));
  }
  if (cond.text) {
    const hay = `${f.subject}\n${f.description}`.toLowerCase();
    const hit = cond.text.find((p) => hay.includes(p.toLowerCase()));
    add('text', cond.text, hit ?? null, hit !== undefined);
  }
  if (cond.classified) {
    const c = cond.classified;
    const got = f.classified ?? null;
    const holds = (target: 'type' | 'catalogue' | 'priority', allowed: readonly string[] | undefined) => {
      if (!allowed) return true;
      const s = got?.[target];
      return s !== undefined && s.confidence >= c.minConfidence && allowed.includes(s.label);
    };
    const actual = got ? Object.fromEntries(Object.entries(got).map(([t, s]) => [t, `${s.label} (${Math.round(s.confidence * 100)} %)`])) : null;
    add('classified', c, actual, holds('type', c.types) && holds('catalogue', c.catalogueItemCodes) && holds('priority', c.priorities));
  }
  return out;
}

export interface RuleTrace {
  index: number;
  ruleId: string;
  name: string;
  enabled: boolean;
  matched: boolean;
  checks: ConditionCheck[];
}

/** The first enabled rule whose conditions all hold (rules are ordered). With explain, every rule's checks. */
export function evaluateRules(rules: RoutingRule[], facts: RoutingFacts, explain = false): { rule: RoutingRule | null; index: number; trace: RuleTrace[] } {
  const trace: RuleTrace[] = [];
  let found: { rule: RoutingRule; index: number } | null = null;
  for (const [index, rule] of rules.entries()) {
    const enabled = rule.enabled !== false;
    if (found && !explain) break;
    if (!enabled && !explain) continue;
    const checks = check(rule.when, facts);
    const matched = enabled && checks.every((c) => c.ok);
    if (explain) trace.push({ index, ruleId: rule.id, name: rule.name, enabled, matched: matched && !found, checks });
    if (matched && !found) found = { rule, index };
  }
  return { rule: found?.rule ?? null, index: found?.index ?? -1, trace };
}

/** Line and team codes a rule set refers to, to validate before saving. */
export function referencedCodes(rules: RoutingRule[]): { lineCodes: string[]; teamCodes: string[] } {
  const lineCodes = new Set<string>();
  const teamCodes = new Set<string>();
  for (const r of rules) {
    if (r.then.lineCode) lineCodes.add(r.then.lineCode);
    if (r.then.teamCode) teamCodes.add(r.then.teamCode);
  }
  return { lineCodes: [...lineCodes], teamCodes: [...teamCodes] };
}
