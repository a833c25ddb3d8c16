/**
 * Reads the stored SLA configuration (plans, calendars, holidays, internal targets) and turns it into
 * the pure core's inputs. SQL only plus the lookups of targets.ts; the caller owns the transaction.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.js';
import type { Priority, TicketType } from '../../db/schema.js';
import { ALWAYS_OPEN, officeHoursCalendar, type BusinessCalendar, type BusinessHoursCalendar, type TimeRange, type Weekday } from './calendar.js';
import { DEFAULT_SLA_CATALOGUE, targetFor, type CalendarRef, type SlaCatalogue, type SlaMetric, type SlaPlan } from './targets.js';

export type ClockMetric = SlaMetric | 'vendor' | `ola:${string}`;

/** Metrics the customer's contract covers; OLA and vendor clocks are internal. */
export const CUSTOMER_METRICS: readonly SlaMetric[] = ['first_response', 'next_response', 'resolution'];
export const isCustomerMetric = (m: string): m is SlaMetric => (CUSTOMER_METRICS as readonly string[]).includes(m);
export const isInternalMetric = (m: string): boolean => !isCustomerMetric(m);

export async function loadWarnAt(exec: Executor): Promise<number[]> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', 'sla.warn_at').executeTakeFirst();
  const v = row?.value;
  return Array.isArray(v) && v.every((f) => typeof f === 'number' && f > 0 && f < 1) ? (v as number[]) : [...DEFAULT_SLA_CATALOGUE.warnAt];
}

/** The stored plans as the core's catalogue. */
export async function loadCatalogue(exec: Executor): Promise<SlaCatalogue> {
  const rows = await exec.selectFrom('sla_plans').selectAll().orderBy('plan_code').execute();
  const plans: SlaPlan[] = rows.map((r) => ({
    code: r.plan_code,
    name: r.name,
    ...(r.extends_code ? { extends: r.extends_code } : {}),
    ...(r.calendar ? { calendar: r.calendar } : {}),
    calendarByPriority: r.calendar_by_priority,
    targets: r.targets,
    typeTargets: r.type_targets,
    ...(r.attainment_goal !== null ? { attainmentGoal: r.attainment_goal } : {}),
  }));
  return { version: 1, warnAt: await loadWarnAt(exec), plans };
}

/** Shipped targets go into an empty table only, so an admin's edits survive restarts. */
export async function seedSlaPlans(exec: Executor): Promise<void> {
  const any = await exec.selectFrom('sla_plans').select('plan_code').limit(1).executeTakeFirst();
  if (any) return;
  await exec
    .insertInto('sla_plans')
    .values(
      DEFAULT_SLA_CATALOGUE.plans.map((p) => ({
        plan_code: p.code,
        name: p.name,
        extends_code: p.extends ?? null,
        calendar: p.calendar ?? null,
        calendar_by_priority: JSON.stringify(p.calendarByPriority ?? {}),
        targets: JSON.stringify(p.targets),
        attainment_goal: p.attainmentGoal ?? null,
        escalation: JSON.stringify(DEFAULT_ESCALATION),
      })),
    )
    .onConflict((oc) => oc.column('plan_code').doNothing())
    .execute();
}

/** Default chain: notify up the hierarchy as the deadline nears, the head of support on a breach. */
export const DEFAULT_ESCALATION = [
  { on: '0.5', actions: [{ kind: 'notify', who: 'assignee' }] },
  { on: '0.75', actions: [{ kind: 'notify', who: 'team_lead' }] },
  { on: '0.9', actions: [{ kind: 'notify', who: 'duty_manager' }] },
  { on: 'breach', actions: [{ kind: 'notify', who: 'head_of_support' }] },
];

export interface OrgSla {
  organizationId: string;
  planCode: string;
  timeZone: string;
  catalogue: SlaCatalogue;
  businessHours: BusinessHoursCalendar;
  /** Each plan's stored escalation chain (raw JSON, validated by escalation.ts); absent → read from sla_plans. */
  escalation?: ReadonlyMap<string, unknown>;
}

/**
 * The SLA configuration every clock operation and timer needs (plans, warning points, calendars,
 * holidays), cached per process. Every read checks a fingerprint of those tables in the caller's
 * transaction (row count and the sum of `xmin`, which changes on any insert, update or delete, also by
 * another process, a direct SQL edit or a rolled-back admin write), so a cached configuration is used only
 * when it is exactly what the transaction would read: one small query instead of six per operation.
 */
interface SlaConfig {
  version: string;
  catalogue: SlaCatalogue;
  planCalendar: Map<string, string | null>;
  escalation: Map<string, unknown>;
  calendars: { id: string; organization_id: string | null; is_default: boolean; week: unknown; overrides: BusinessHoursCalendar['overrides'] }[];
  holidays: Map<string, { date: string; name: string | null }[]>;
  /** Resolved business calendars per organisation, plan calendar and zone. */
  resolved: Map<string, BusinessHoursCalendar>;
}

let cachedConfig: SlaConfig | undefined;

/** Drops the process's cached SLA configuration (the fingerprint makes this optional; tests and admin writes may call it). */
export function forgetSlaConfig(): void {
  cachedConfig = undefined;
}

const fingerprint = (table: string) => sql.raw(`(SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM ${table})`);
const CONFIG_VERSION = sql<string>`${fingerprint('sla_plans')} || '/' || ${fingerprint('sla_calendars')} || '/' || ${fingerprint('sla_holidays')} || '/' ||
  coalesce((SELECT xmin::text FROM settings WHERE key = 'sla.warn_at'), '-')`;

async function loadConfig(exec: Executor, version: string): Promise<SlaConfig> {
  const plans = await exec.selectFrom('sla_plans').select(['plan_code', 'calendar_id', 'escalation']).execute();
  const calendars = await exec.selectFrom('sla_calendars').select(['id', 'organization_id', 'is_default', 'week', 'overrides']).orderBy('id').execute();
  const holidays = new Map<string, { date: string; name: string | null }[]>();
  for (const h of await exec.selectFrom('sla_holidays').select(['calendar_id', 'date', 'name']).orderBy('date').execute()) {
    const list = holidays.get(h.calendar_id) ?? [];
    list.push({ date: h.date, name: h.name });
    holidays.set(h.calendar_id, list);
  }
  return {
    version,
    catalogue: await loadCatalogue(exec),
    planCalendar: new Map(plans.map((p) => [p.plan_code, p.calendar_id])),
    escalation: new Map(plans.map((p) => [p.plan_code, p.escalation])),
    calendars,
    holidays,
    resolved: new Map(),
  };
}

/** The organisation's plan (standard when it has none or its plan has no SLA row) and business calendar. */
export async function loadOrgSla(exec: Executor, organizationId: string): Promise<OrgSla> {
  const org = await exec
    .selectFrom('organizations as o')
    .leftJoin('support_plans as p', 'p.id', 'o.support_plan_id')
    .select(['o.id', 'o.time_zone', 'p.code', CONFIG_VERSION.as('sla_version')])
    .where('o.id', '=', organizationId)
    .executeTakeFirstOrThrow();
  let config = cachedConfig;
  if (config?.version !== org.sla_version) {
    // Shared even when read inside an uncommitted admin write: any other transaction sees another version and reloads.
    config = await loadConfig(exec, org.sla_version);
    cachedConfig = config;
  }
  const { catalogue } = config;
  const planCode = org.code && catalogue.plans.some((p) => p.code === org.code) ? org.code : 'standard';
  const planCalendarId = config.planCalendar.get(planCode) ?? null;
  const key = `${organizationId}|${planCalendarId ?? ''}|${org.time_zone}`;
  let businessHours = config.resolved.get(key);
  if (!businessHours) {
    businessHours = calendarFromRows(config.calendars, config.holidays, organizationId, planCalendarId, org.time_zone);
    config.resolved.set(key, businessHours);
  }
  return { organizationId, planCode, timeZone: org.time_zone, catalogue, businessHours, escalation: config.escalation };
}

/** The organisation's own calendar, else the plan's, else the desk default; always in the organisation's zone. */
function calendarFromRows(
  rows: SlaConfig['calendars'],
  holidays: SlaConfig['holidays'],
  organizationId: string,
  planCalendarId: string | null,
  timeZone: string,
): BusinessHoursCalendar {
  const cal = rows.find((r) => r.organization_id === organizationId) ?? rows.find((r) => r.id === planCalendarId) ?? rows.find((r) => r.is_default);
  if (!cal) return officeHoursCalendar(timeZone);
  return {
    kind: 'business-hours',
    timeZone,
    week: cal.week as Partial<Record<Weekday, TimeRange[]>>,
    holidays: (holidays.get(cal.id) ?? []).map((h) => (h.name ? { date: h.date, name: h.name } : { date: h.date })),
    overrides: cal.overrides,
  };
}

export interface ClockTarget {
  targetMs: number;
  calendar: CalendarRef;
  planCode: string;
}

/** The target of one clock, or null when nothing is agreed for it (then no clock runs). */
export async function resolveTarget(exec: Executor, sla: OrgSla, metric: string, priority: Priority, type?: TicketType | null): Promise<ClockTarget | null> {
  if (isCustomerMetric(metric)) {
    const t = targetFor(sla.planCode, priority, metric, sla.catalogue, type);
    return t ? { targetMs: t.targetMs, calendar: t.calendar, planCode: sla.planCode } : null;
  }
  const code = metric.startsWith('ola:') ? metric.slice(4) : metric;
  const row = await exec.selectFrom('sla_internal_targets').select(['target_minutes', 'calendar']).where('code', '=', code).executeTakeFirst();
  return row ? { targetMs: row.target_minutes * 60_000, calendar: row.calendar, planCode: sla.planCode } : null;
}

export const calendarFor = (ref: CalendarRef, sla: Pick<OrgSla, 'businessHours'>): BusinessCalendar =>
  ref === '24x7' ? ALWAYS_OPEN : sla.businessHours;

export interface SlaExemption {
  reason: 'beta_service';
  catalogueItem: { id: string; code: string; nameEn: string; nameRu: string };
}

/**
 * Whether a request's catalogue item is offered without SLA: the item itself or any group or category
 * above it is flagged `sla_exempt` (a beta service). Null when it has an SLA.
 */
export async function slaExemption(exec: Executor, catalogueItemId: string | null): Promise<SlaExemption | null> {
  if (!catalogueItemId) return null;
  const row = await sql<{ id: string; code: string; name_en: string; name_ru: string }>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, code, name_en, name_ru, sla_exempt, 0 AS depth FROM catalogue_items WHERE id = ${catalogueItemId}
      UNION ALL
      SELECT c.id, c.parent_id, c.code, c.name_en, c.name_ru, c.sla_exempt, up.depth + 1 FROM catalogue_items c JOIN up ON c.id = up.parent_id WHERE up.depth < 10
    )
    SELECT id, code, name_en, name_ru FROM up WHERE sla_exempt ORDER BY depth LIMIT 1`.execute(exec);
  const r = row.rows[0];
  return r ? { reason: 'beta_service', catalogueItem: { id: r.id, code: r.code, nameEn: r.name_en, nameRu: r.name_ru } } : null;
}
