import { isMessageKey, type I18n, type MessageKey } from '../../i18n';
import type { SlaClock, SlaEventKind, SlaClockState } from '../../types';

/**
 * A business-time duration as "3 h 05 min" or "12 min" (no sign). No days: a target of 48 business
 * hours is six working days on a business-hours calendar, so "2 d" would mislead.
 */
export function formatDuration(ms: number, t: I18n['t']): string {
  const totalMin = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  if (!h) return t('sla.unit.m', { n: m });
  return m ? `${t('sla.unit.h', { n: h })} ${t('sla.unit.m', { n: String(m).padStart(2, '0') })}` : t('sla.unit.h', { n: h });
}

export function metricLabel(metric: string, t: I18n['t']): string {
  if (metric.startsWith('ola:')) return t('sla.metric.ola', { line: metric.slice(4) });
  const key = `sla.metric.${metric}`;
  return isMessageKey(key) ? t(key) : metric;
}

export const stateKey = (s: SlaClockState): MessageKey => `sla.state.${s}`;
export const eventKey = (k: SlaEventKind): MessageKey => `sla.event.${k}`;

export type Urgency = 'ok' | 'warn' | 'danger' | 'breached' | 'paused' | 'met' | 'idle';

/** Green with more than half the target left, amber, red under 10 %, dark red once overdue. */
export function urgency(c: SlaClock): Urgency {
  if (c.queueState) return queueUrgency(c);
  if (c.state === 'breached' || (c.remainingMs !== null && c.remainingMs < 0 && c.state !== 'met')) return 'breached';
  if (c.state === 'met') return 'met';
  if (c.state === 'paused') return 'paused';
  if (c.state !== 'running' || c.remainingMs === null || !c.targetMs) return 'idle';
  const left = c.remainingMs / c.targetMs;
  if (left > 0.5) return 'ok';
  if (left >= 0.1) return 'warn';
  return 'danger';
}

/** A list row: the server says whether a warning point was reached; red when under 10 % is left. */
function queueUrgency(c: SlaClock): Urgency {
  if (c.queueState === 'breached') return 'breached';
  if (c.queueState === 'paused') return 'paused';
  if (c.queueState === 'ok') return 'ok';
  return c.remainingMs !== null && c.targetMs && c.remainingMs / c.targetMs < 0.1 ? 'danger' : 'warn';
}

const LIVE: readonly SlaClockState[] = ['running', 'paused', 'breached'];

/** Clocks that still matter for the queue: running, paused, or breached and not yet stopped. */
export function liveClocks(clocks: SlaClock[]): SlaClock[] {
  return clocks.filter((c) => LIVE.includes(c.state) && c.stoppedAt === null && c.targetMs !== null);
}

/** The clock closest to its deadline: the one a queue badge shows. */
export function nearestClock(clocks: SlaClock[]): SlaClock | null {
  const live = liveClocks(clocks);
  live.sort((a, b) => deadlineRank(a) - deadlineRank(b));
  return live[0] ?? null;
}

/**
 * A sort key for "by deadline": overdue first, then running by due instant, then paused clocks by
 * what is left of their target (they have no due instant while paused), then requests with no clock.
 */
export function deadlineRank(c: SlaClock | null | undefined): number {
  if (!c) return Number.MAX_SAFE_INTEGER;
  const remaining = c.remainingMs ?? Number.MAX_SAFE_INTEGER / 4;
  if (c.state === 'paused') return 1e15 + remaining;
  if (c.dueAt) return Date.parse(c.dueAt);
  return Date.now() + remaining;
}

/** A report group's name: priorities in the reader's language, plan/line/team codes as they are. */
export function groupLabel(groupBy: string, group: string, t: I18n['t']): string {
  const key = `priority.${group}`;
  return groupBy === 'priority' && isMessageKey(key) ? t(key) : group;
}
