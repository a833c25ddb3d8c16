import { useI18n } from '../../i18n';
import type { SlaClock } from '../../types';
import { formatDuration, metricLabel, urgency } from './format';

/** One clock as a coloured pill: remaining time, "paused", "breached 2 h" or "met". */
export function SlaBadge({ clock }: { clock: SlaClock }) {
  const { t, dt } = useI18n();
  const u = urgency(clock);
  const remaining = clock.remainingMs ?? 0;
  let text: string;
  if (u === 'breached') text = t('sla.badgeBreached', { d: formatDuration(Math.min(remaining, 0), t) });
  else if (u === 'paused') text = t('sla.badgePaused', { d: formatDuration(remaining, t) });
  else if (u === 'met') text = t('sla.badgeMet');
  else text = t('sla.left', { d: formatDuration(remaining, t) });
  const title = [metricLabel(clock.metric, t), clock.dueAt ? `${t('sla.due')}: ${dt(clock.dueAt)}` : null].filter(Boolean).join(' · ');
  return (
    <span className={`badge sla-badge sla-${u}`} title={title} data-testid="sla-badge" data-urgency={u} data-metric={clock.metric}>
      {text}
    </span>
  );
}
