import { useMemo } from 'react';
import type { SlaDue } from '../../api/sla-admin';
import type { SlaClock, TicketSummary } from '../../types';

/** key → the clock nearest its deadline (null: no live clock). */
export type QueueSla = ReadonlyMap<string, SlaClock | null>;

/**
 * The list endpoint carries each request's nearest running deadline (one server query per page), so
 * the queue needs no request per row: this only shapes it as a clock for the badge and the sort.
 */
export function useQueueSla(items: TicketSummary[]): QueueSla {
  const signature = items.map((i) => `${i.key}@${i.version}@${i.sla?.state ?? ''}@${i.sla?.dueAt ?? ''}`).join(',');
  return useMemo(() => new Map(items.map((i) => [i.key, i.sla ? clockOfDue(i.sla) : null])), [signature]);
}

/** A list row's deadline as the clock shape the badge and the deadline sort read. */
export function clockOfDue(d: SlaDue): SlaClock {
  const state = d.state === 'paused' ? 'paused' : d.state === 'breached' ? 'breached' : 'running';
  return {
    metric: d.metric,
    cycle: 1,
    state,
    counting: d.state !== 'paused',
    plan: '',
    priority: '',
    calendar: '24x7',
    targetMs: d.targetMs,
    elapsedMs: 0,
    pausedMs: 0,
    remainingMs: d.remainingMs,
    percent: null,
    startedAt: null,
    stoppedAt: null,
    dueAt: d.dueAt,
    breachedAt: null,
    breachRecordedAt: null,
    warnings: [],
    timeline: [],
    queueState: d.state,
  };
}
