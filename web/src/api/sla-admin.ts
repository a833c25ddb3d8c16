/** API calls and types of the SLA administration (plans, warning points, chains, calendars, beta services). */
import { request } from '../api';
import type { SlaClockState } from '../types';

export type CalendarRef = '24x7' | 'business-hours';
export type SlaMetricName = 'first_response' | 'next_response' | 'resolution';
export const SLA_METRICS: readonly SlaMetricName[] = ['first_response', 'next_response', 'resolution'];
export const TARGET_KEYS = ['any', 'critical', 'high', 'medium', 'low'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];
/** minutes per metric, then per priority (or any) */
export type MetricTargets = Partial<Record<SlaMetricName, Partial<Record<TargetKey, number>>>>;

export type EscalationAction =
  | { kind: 'notify'; who: 'assignee' | 'team_lead' | 'duty_manager' | 'head_of_support' }
  | { kind: 'raise_priority' }
  | { kind: 'move_to_team'; team: string };
export interface EscalationStep {
  /** a warning point ('0.75') or 'breach' */
  on: string;
  metrics?: string[];
  actions: EscalationAction[];
}

export interface SlaPlan {
  code: string;
  name: string;
  extends: string | null;
  calendar: CalendarRef | null;
  calendarByPriority: Record<string, CalendarRef>;
  targets: MetricTargets;
  typeTargets: Record<string, MetricTargets>;
  warnAt: number[];
  attainmentGoal: number | null;
  calendarId: string | null;
  escalation: EscalationStep[];
}

export interface PlanInput {
  name?: string;
  calendar?: CalendarRef | null;
  targets?: MetricTargets;
  typeTargets?: Record<string, MetricTargets>;
  calendarId?: string | null;
}

export interface TimeRange {
  start: string;
  end: string;
}
export interface SlaCalendar {
  id: string;
  name: string;
  organizationId: string | null;
  isDefault: boolean;
  week: Record<string, TimeRange[]>;
  overrides: Array<{ date: string; hours: TimeRange[]; note?: string }>;
  holidays: Array<{ date: string; name: string }>;
}
export interface CalendarInput {
  name: string;
  organizationId?: string | null;
  week: Record<string, TimeRange[]>;
  overrides: Array<{ date: string; hours: TimeRange[]; note?: string }>;
}

export interface IcalImportResult {
  imported: number;
  skipped: Array<{ uid?: string; summary?: string; reason: string }>;
  notes: string[];
  calendar: SlaCalendar;
}

export interface SlaService {
  id: string;
  code: string;
  kind: string;
  parentId: string | null;
  nameEn: string;
  nameRu: string;
  slaExempt: boolean;
}

/** The nearest running deadline a list page carries per request (one server query for the page). */
export interface SlaDue {
  metric: string;
  state: 'ok' | 'warning' | 'breached' | 'paused';
  dueAt: string | null;
  remainingMs: number;
  targetMs: number;
}

declare module '../types' {
  interface TicketSummary {
    /** list pages: the nearest running SLA deadline (null: none running) */
    sla?: SlaDue | null;
  }
  interface TicketSla {
    requestType?: string;
    /** set when the request's service is offered without SLA (a beta) */
    noSla?: { reason: 'beta_service'; message: string; catalogueItem: { id: string; code: string; nameEn: string; nameRu: string } } | null;
  }
  interface SlaClock {
    /** a queue row's server-computed state (list pages), which wins over the fraction-based urgency */
    queueState?: SlaDue['state'];
  }
}

export type { SlaClockState };

export const slaAdminApi = {
  plans: () => request<{ items: SlaPlan[] }>('/api/sla/plans'),
  savePlan: (code: string, body: PlanInput) => request<SlaPlan>(`/api/sla/plans/${encodeURIComponent(code)}`, { method: 'PUT', body }),
  saveEscalation: (code: string, steps: EscalationStep[]) =>
    request<{ steps: EscalationStep[] }>(`/api/sla/plans/${encodeURIComponent(code)}/escalation`, { method: 'PUT', body: { steps } }),
  saveWarnAt: (warnAt: number[]) => request<{ warnAt: number[] }>('/api/sla/warning-points', { method: 'PUT', body: { warnAt } }),
  calendars: () => request<{ items: SlaCalendar[] }>('/api/sla/calendars'),
  createCalendar: (body: CalendarInput) => request<SlaCalendar>('/api/sla/calendars', { method: 'POST', body }),
  saveCalendar: (id: string, body: CalendarInput) => request<SlaCalendar>(`/api/sla/calendars/${id}`, { method: 'PUT', body }),
  addHolidays: (id: string, holidays: Array<{ date: string; name: string }>) =>
    request<SlaCalendar>(`/api/sla/calendars/${id}/holidays`, { method: 'POST', body: { holidays } }),
  removeHoliday: (id: string, date: string) => request<void>(`/api/sla/calendars/${id}/holidays/${date}`, { method: 'DELETE' }),
  importIcal: (id: string, ics: string) => request<IcalImportResult>(`/api/sla/calendars/${id}/holidays/import`, { method: 'POST', body: { ics } }),
  services: () => request<{ items: SlaService[] }>('/api/sla/services'),
  setServiceExempt: (id: string, slaExempt: boolean) => request<SlaService>(`/api/sla/services/${id}`, { method: 'PUT', body: { slaExempt } }),
};
