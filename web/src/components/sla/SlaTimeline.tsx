import { useI18n } from '../../i18n';
import type { SlaTimelineEntry } from '../../types';
import { eventKey, formatDuration } from './format';

/** What happened to one clock, oldest first: started, paused (why, by whom), resumed, recomputed, warned, breached, met. */
export function SlaTimeline({ entries }: { entries: SlaTimelineEntry[] }) {
  const { t, dt } = useI18n();
  return (
    <ol className="sla-timeline" data-testid="sla-timeline">
      {entries.map((e, i) => (
        <li key={i} className={`sla-ev sla-ev-${e.kind}`} data-testid="sla-event" data-kind={e.kind} title={e.note}>
          <span className="muted mono small sla-ev-at">{dt(e.at)}</span>
          <strong className="sla-ev-kind">{t(eventKey(e.kind))}</strong>
          {e.kind === 'warned' && e.fraction !== null && <span>{t('sla.warnedAt', { p: Math.round(e.fraction * 100) })}</span>}
          {e.reason && <span className="sla-ev-reason">— {e.reason}</span>}
          {e.by && <span className="muted">({t('sla.by', { who: e.by === 'support' ? t('sla.support') : e.by })})</span>}
          {e.dueAt && <span className="muted">{t('sla.dueThen', { at: dt(e.dueAt) })}</span>}
          <span className="muted small">
            {formatDuration(e.elapsedMs, t)}
            {e.targetMs !== null && ` / ${formatDuration(e.targetMs, t)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
