import { useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import type { SlaClock } from '../../types';
import { ErrorNote } from '../ErrorNote';
import { SlaBadge } from './SlaBadge';
import { SlaTimeline } from './SlaTimeline';
import { formatDuration, metricLabel, stateKey, urgency } from './format';

const ORDER = ['first_response', 'next_response', 'resolution', 'vendor'];
const rank = (m: string) => (ORDER.includes(m) ? ORDER.indexOf(m) : ORDER.length);

/**
 * The request's SLA clocks (the customer's contract; OLA and vendor clocks for staff, as the server
 * decides): target, elapsed, paused, remaining or due, state and the timeline behind them.
 * `refresh` changes whenever the request may have moved (a reply, a status change) to read them again.
 */
export function SlaPanel({ ticketKey, refresh }: { ticketKey: string; refresh: string }) {
  const { t, locale } = useI18n();
  const state = useLoad(() => api.ticketSla(ticketKey), `${ticketKey}|${refresh}`);
  const sla = state.data;
  const clocks = sla ? [...sla.clocks].sort((a, b) => rank(a.metric) - rank(b.metric) || a.metric.localeCompare(b.metric) || a.cycle - b.cycle) : [];

  return (
    <section className="card sla-panel" data-testid="sla-panel" aria-busy={state.loading}>
      <div className="sla-head">
        <h2>{t('sla.title')}</h2>
        {sla && <span className="muted small" data-testid="sla-plan">{t('sla.plan', { plan: sla.plan, zone: sla.timeZone })}</span>}
      </div>
      <ErrorNote error={state.error} onRetry={state.reload} />
      {sla?.noSla && (
        <p className="alert alert-ok" data-testid="sla-no-sla">
          {t('slaAdmin.noSlaBeta', { service: locale === 'ru' ? sla.noSla.catalogueItem.nameRu : sla.noSla.catalogueItem.nameEn })}
        </p>
      )}
      {sla && !sla.noSla && clocks.length === 0 && <p className="muted">{t('sla.none')}</p>}
      {clocks.map((c) => (
        <ClockRow key={`${c.metric}#${c.cycle}`} clock={c} />
      ))}
    </section>
  );
}

function ClockRow({ clock: c }: { clock: SlaClock }) {
  const { t, dt } = useI18n();
  const [open, setOpen] = useState(false);
  const u = urgency(c);
  const overdue = c.remainingMs !== null && c.remainingMs < 0;
  return (
    <div className={`sla-clock sla-clock-${u}`} data-testid="sla-clock" data-metric={c.metric} data-state={c.state} data-cycle={c.cycle}>
      <div className="sla-clock-head">
        <strong>{metricLabel(c.metric, t)}</strong>
        {c.cycle > 1 && <span className="muted small">{t('sla.cycle', { n: c.cycle })}</span>}
        <span className={`badge sla-state sla-${u}`} data-testid="sla-state">
          {t(stateKey(c.state))}
        </span>
        {(c.state === 'running' || c.state === 'paused') && <SlaBadge clock={c} />}
        <span className="muted small">{t(`sla.calendar.${c.calendar}`)}</span>
      </div>
      <dl className="sla-facts">
        <dt>{t('sla.target')}</dt>
        <dd data-testid="sla-target">{c.targetMs === null ? t('ticket.none') : formatDuration(c.targetMs, t)}</dd>
        <dt>{t('sla.elapsed')}</dt>
        <dd data-testid="sla-elapsed">
          {formatDuration(c.elapsedMs, t)}
          {c.percent !== null && <span className="muted"> ({Math.round(c.percent)} %)</span>}
        </dd>
        <dt>{t('sla.pausedTime')}</dt>
        <dd data-testid="sla-paused">{formatDuration(c.pausedMs, t)}</dd>
        {c.remainingMs !== null && c.state !== 'met' && c.state !== 'stopped' && (
          <>
            <dt>{t('sla.remaining')}</dt>
            <dd data-testid="sla-remaining" className={overdue ? 'sla-overdue' : undefined}>
              {overdue ? t('sla.overdue', { d: formatDuration(c.remainingMs, t) }) : formatDuration(c.remainingMs, t)}
            </dd>
          </>
        )}
        {c.state !== 'met' && c.state !== 'stopped' && (
          <>
            <dt>{t('sla.due')}</dt>
            <dd data-testid="sla-due">{c.dueAt ? dt(c.dueAt) : c.state === 'paused' ? t('sla.dueWhenResumed') : t('ticket.none')}</dd>
          </>
        )}
        {c.state === 'met' && c.stoppedAt && (
          <>
            <dt>{t('sla.metAt')}</dt>
            <dd data-testid="sla-met-at">{dt(c.stoppedAt)}</dd>
          </>
        )}
        {c.breachedAt && (
          <>
            <dt>{t('sla.breachedAt')}</dt>
            <dd className="sla-overdue">{dt(c.breachedAt)}</dd>
          </>
        )}
      </dl>
      {c.timeline.length > 0 && (
        <button type="button" className="linklike small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="sla-timeline-toggle">
          {open ? t('sla.hideTimeline') : t('sla.showTimeline', { n: c.timeline.length })}
        </button>
      )}
      {open && <SlaTimeline entries={c.timeline} />}
    </div>
  );
}
