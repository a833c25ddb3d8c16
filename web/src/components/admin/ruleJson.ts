import { CHANNELS, PRIORITIES, TICKET_TYPES, type RoutingRule, type RuleActions, type RuleConditions } from '../../types';

/** What the server checks (src/modules/lines/rules.ts), checked here first so a JSON typo shows next to the rule. */
const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LIST_KEYS = ['types', 'catalogueItemCodes', 'priorities', 'organizationIds', 'planCodes', 'channels', 'regions', 'text'] as const;
const ENUMS: Partial<Record<(typeof LIST_KEYS)[number], readonly string[]>> = { types: TICKET_TYPES, priorities: PRIORITIES, channels: CHANNELS };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

export type RuleCheck = { ok: true; rule: RoutingRule } | { ok: false; errors: string[] };

export function validateRule(value: unknown): RuleCheck {
  const errors: string[] = [];
  if (!isObject(value)) return { ok: false, errors: ['a rule is a JSON object'] };
  for (const k of Object.keys(value)) if (!['id', 'name', 'enabled', 'when', 'then'].includes(k)) errors.push(`unknown key "${k}"`);
  if (typeof value.id !== 'string' || !ID_RE.test(value.id)) errors.push('id: lower-case letters, digits and dashes');
  if (typeof value.name !== 'string' || !value.name.trim()) errors.push('name: required');
  if (value.enabled !== undefined && typeof value.enabled !== 'boolean') errors.push('enabled: true or false');
  const when = value.when;
  if (!isObject(when)) errors.push('when: an object of conditions ({} matches every request)');
  else
    for (const [k, v] of Object.entries(when)) {
      const key = LIST_KEYS.find((x) => x === k);
      if (!key) errors.push(`when.${k}: unknown condition`);
      else if (!isStringList(v) || v.length === 0) errors.push(`when.${k}: a non-empty list of strings`);
      else {
        const allowed = ENUMS[key];
        const bad = allowed ? v.filter((x) => !allowed.includes(x)) : [];
        if (bad.length) errors.push(`when.${k}: unknown ${bad.join(', ')}`);
      }
    }
  const then = value.then;
  if (!isObject(then)) errors.push('then: an object of actions');
  else {
    for (const k of Object.keys(then)) if (!['lineCode', 'teamCode', 'priority', 'tags'].includes(k)) errors.push(`then.${k}: unknown action`);
    if (then.lineCode !== undefined && (typeof then.lineCode !== 'string' || !then.lineCode)) errors.push('then.lineCode: a line code');
    if (then.teamCode !== undefined && (typeof then.teamCode !== 'string' || !then.teamCode)) errors.push('then.teamCode: a team code');
    if (then.priority !== undefined && !PRIORITIES.some((p) => p === then.priority)) errors.push('then.priority: critical, high, medium or low');
    if (then.tags !== undefined && !isStringList(then.tags)) errors.push('then.tags: a list of strings');
    if (!then.lineCode && !then.teamCode && !then.priority && !(isStringList(then.tags) && then.tags.length)) errors.push('then: a rule must set something');
  }
  return errors.length ? { ok: false, errors } : { ok: true, rule: value as unknown as RoutingRule };
}

export function parseRuleJson(text: string): RuleCheck {
  try {
    return validateRule(JSON.parse(text));
  } catch (err) {
    return { ok: false, errors: [err instanceof Error ? err.message : 'invalid JSON'] };
  }
}

/** Drops empty lists and blank actions a form leaves behind. */
export function cleanRule(r: RoutingRule): RoutingRule {
  const when: RuleConditions = {};
  for (const [k, v] of Object.entries(r.when)) if (Array.isArray(v) && v.length) Object.assign(when, { [k]: v });
  const then: RuleActions = {};
  if (r.then.lineCode) then.lineCode = r.then.lineCode;
  if (r.then.teamCode) then.teamCode = r.then.teamCode;
  if (r.then.priority) then.priority = r.then.priority;
  if (r.then.tags?.length) then.tags = r.then.tags;
  const out: RoutingRule = { id: r.id, name: r.name, when, then };
  if (r.enabled === false) out.enabled = false;
  return out;
}
