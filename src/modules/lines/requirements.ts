import type { EscalationRequirement, Ticket } from '../../db/schema.js';

export const requirementKeys = ['project', 'region', 'resourceIds', 'timeWindow', 'errorText'] as const satisfies readonly EscalationRequirement[];

const filled = (v: unknown) => (typeof v === 'string' ? v.trim().length > 0 : v !== null && v !== undefined && v !== false);

type Facts = Pick<Ticket, 'project_id' | 'region' | 'resource_ids' | 'fields'>;

/** Whether the request carries one piece of diagnostic information L1 must collect. */
export function hasRequirement(t: Facts, key: EscalationRequirement): boolean {
  switch (key) {
    case 'project':
      return filled(t.project_id);
    case 'region':
      return filled(t.region);
    case 'resourceIds':
      return t.resource_ids.length > 0;
    case 'timeWindow':
      return filled(t.fields.timeWindow) || (filled(t.fields.timeWindowFrom) && filled(t.fields.timeWindowTo));
    case 'errorText':
      return filled(t.fields.errorText);
  }
}

const isKey = (k: string): k is EscalationRequirement => (requirementKeys as readonly string[]).includes(k);

/** The required keys that are missing, in the canonical order. Unknown keys in the stored list are ignored. */
export function missingRequirements(t: Facts, required: readonly string[]): EscalationRequirement[] {
  return requirementKeys.filter((k) => required.includes(k) && isKey(k) && !hasRequirement(t, k));
}
