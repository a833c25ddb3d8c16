/**
 * The SLA targets a fresh install ships with, as plain JSON-serialisable data (stored in PostgreSQL
 * later and edited by an admin), and the lookup that resolves a plan's overlays.
 */
import type { Priority } from '../../db/schema.js';
import { AppError } from '../../shared/errors.js';
import { ALWAYS_OPEN, type BusinessCalendar, type BusinessHoursCalendar } from './calendar.js';

export type SlaPriority = Priority;
export const SLA_PRIORITIES: readonly SlaPriority[] = ['critical', 'high', 'medium', 'low'];

/** next_response has no shipped default; an admin may add one. */
export type SlaMetric = 'first_response' | 'next_response' | 'resolution';

/**
 * Which calendar a target runs on. `business-hours` means the customer organisation's own business
 * calendar (its zone and holidays), which the caller supplies.
 */
export type CalendarRef = '24x7' | 'business-hours';

/** Minutes per priority; `any` applies to priorities not listed. Minutes because admins edit this JSON. */
export type MetricTargets = Partial<Record<SlaPriority | 'any', number>>;

export interface SlaPlan {
  code: string;
  name: string;
  /** A plan overlays another: whatever it leaves out comes from there. */
  extends?: string;
  /** Calendar for all of this plan's targets, including inherited ones. */
  calendar?: CalendarRef;
  /** Per-priority calendar; wins over `calendar` of the same plan. */
  calendarByPriority?: Partial<Record<SlaPriority, CalendarRef>>;
  targets: Partial<Record<SlaMetric, MetricTargets>>;
  /**
   * Optional overrides per request type (incident, billing, …): for this plan, a type's number wins over
   * the plan's number for the same metric; what a type leaves out comes from the plan's own targets.
   */
  typeTargets?: Partial<Record<string, Partial<Record<SlaMetric, MetricTargets>>>>;
  /** Share of requests that must meet the resolution target in a period (reports only, not the clock). */
  attainmentGoal?: number;
}

export interface SlaCatalogue {
  version: 1;
  /** Fractions of each target at which warnings are due. */
  warnAt: number[];
  plans: SlaPlan[];
}

const HOUR = 60;

export const DEFAULT_SLA_CATALOGUE: SlaCatalogue = {
  version: 1,
  warnAt: [0.5, 0.75, 0.9],
  plans: [
    {
      code: 'standard',
      name: 'Standard (reference SLA)',
      calendar: '24x7',
      targets: {
        first_response: { any: 60 },
        resolution: { critical: 2 * HOUR, high: 12 * HOUR, medium: 24 * HOUR, low: 48 * HOUR },
      },
      attainmentGoal: 0.95,
    },
    {
      code: 'basic',
      name: 'Basic',
      extends: 'standard',
      calendar: 'business-hours',
      targets: { first_response: { any: 24 * HOUR } },
    },
    {
      code: 'business',
      name: 'Business',
      extends: 'standard',
      calendar: 'business-hours',
      calendarByPriority: { critical: '24x7' },
      targets: { first_response: { any: 4 * HOUR, critical: 30 } },
    },
    {
      code: 'premium',
      name: 'Premium',
      extends: 'standard',
      calendar: '24x7',
      targets: { first_response: { any: 2 * HOUR, critical: 15 } },
    },
  ],
};

export interface ResolvedTarget {
  targetMs: number;
  calendar: CalendarRef;
  /** The plan asked for, and the plan in its chain that set the number (for explaining a due date). */
  plan: string;
  definedBy: string;
  /** The request type whose override set the number, when one did. */
  byType: string | null;
  warnAt: number[];
}

/** Every problem with a catalogue as `path: message`; empty when usable. */
export function catalogueProblems(catalogue: SlaCatalogue): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  catalogue.plans.forEach((p, i) => {
    if (codes.has(p.code)) problems.push(`plans[${i}].code: duplicate "${p.code}"`);
    codes.add(p.code);
    const check = (path: string, targets: Partial<Record<SlaMetric, MetricTargets>>) => {
      for (const [metric, byPriority] of Object.entries(targets)) {
        for (const [priority, minutes] of Object.entries(byPriority ?? {})) {
          if (!(typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0)) {
            problems.push(`plans[${i}].${path}.${metric}.${priority}: must be a positive number of minutes`);
          }
        }
      }
    };
    check('targets', p.targets);
    for (const [type, targets] of Object.entries(p.typeTargets ?? {})) check(`typeTargets.${type}`, targets ?? {});
  });
  catalogue.plans.forEach((p, i) => {
    if (p.extends !== undefined && !codes.has(p.extends)) problems.push(`plans[${i}].extends: unknown plan "${p.extends}"`);
    else if (chain(catalogue, p.code) === null) problems.push(`plans[${i}].extends: cycle through "${p.code}"`);
  });
  catalogue.warnAt.forEach((f, i) => {
    if (!(f > 0 && f < 1)) problems.push(`warnAt[${i}]: must be between 0 and 1`);
  });
  return problems;
}

/** The plan followed by its ancestors; null on a cycle or a dangling `extends`. */
function chain(catalogue: SlaCatalogue, code: string): SlaPlan[] | null {
  const out: SlaPlan[] = [];
  let next: string | undefined = code;
  while (next !== undefined) {
    const current: string = next;
    const plan = catalogue.plans.find((p) => p.code === current);
    if (!plan || out.includes(plan)) return null;
    out.push(plan);
    next = plan.extends;
  }
  return out;
}

/**
 * The target for one (plan, priority, metric[, request type]), or null when the plan sets none (no
 * clock to run). Along the overlay chain the nearest plan wins; within a plan: the type's per-priority
 * number, the type's `any`, then the plan's per-priority number, then its `any`.
 */
export function targetFor(
  planCode: string,
  priority: SlaPriority,
  metric: SlaMetric,
  catalogue: SlaCatalogue = DEFAULT_SLA_CATALOGUE,
  type?: string | null,
): ResolvedTarget | null {
  const plans = chain(catalogue, planCode);
  if (plans === null) {
    throw new AppError('VALIDATION_FAILED', 'Unknown SLA plan or broken plan chain', { plan: planCode });
  }
  let minutes: number | undefined;
  let definedBy: string | undefined;
  let byType: string | null = null;
  for (const p of plans) {
    const typed = type ? p.typeTargets?.[type]?.[metric] : undefined;
    const typedValue = typed?.[priority] ?? typed?.any;
    if (typedValue !== undefined && type) {
      minutes = typedValue;
      definedBy = p.code;
      byType = type;
      break;
    }
    const t = p.targets[metric];
    const value = t?.[priority] ?? t?.any;
    if (value !== undefined) {
      minutes = value;
      definedBy = p.code;
      break;
    }
  }
  if (minutes === undefined || definedBy === undefined) return null;
  let calendar: CalendarRef = '24x7';
  for (const p of plans) {
    const c = p.calendarByPriority?.[priority] ?? p.calendar;
    if (c !== undefined) {
      calendar = c;
      break;
    }
  }
  return { targetMs: Math.round(minutes * 60_000), calendar, plan: planCode, definedBy, byType, warnAt: [...catalogue.warnAt] };
}

/** Turns a calendar reference into the calendar to compute with, given the organisation's business hours. */
export function resolveCalendar(ref: CalendarRef, businessHours: BusinessHoursCalendar): BusinessCalendar {
  return ref === '24x7' ? ALWAYS_OPEN : businessHours;
}
