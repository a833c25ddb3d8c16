import { useI18n } from '../i18n';
import type { LineReport } from '../types';

const COLORS = ['#2f6fd6', '#d6792f', '#3a9a5b', '#a04bc2', '#c23b4b', '#5b6b84'];
const W = 760;
const H = 220;
const PAD = { l: 36, r: 12, t: 12, b: 28 };

/** Open requests per line at the end of each day, one polyline per line; plain inline SVG. */
export function BacklogChart({ daily }: { daily: LineReport['backlogDaily'] }) {
  const { t, locale } = useI18n();
  const days = [...new Set(daily.map((d) => d.date))].sort();
  const lines = [...new Set(daily.map((d) => d.line).filter((l): l is string => l !== null))].sort();
  const value = (day: string, line: string) => daily.find((d) => d.date === day && d.line === line)?.open ?? 0;
  const max = Math.max(1, ...daily.map((d) => d.open));
  const x = (i: number) => PAD.l + (days.length <= 1 ? 0 : (i * (W - PAD.l - PAD.r)) / (days.length - 1));
  const y = (v: number) => H - PAD.b - (v * (H - PAD.t - PAD.b)) / max;
  const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: '2-digit', month: '2-digit', timeZone: 'UTC' });
  const step = Math.max(1, Math.ceil(days.length / 10));
  const ticks = [0, Math.round(max / 2), max];

  if (days.length === 0) return <p className="muted">{t('metrics.noData')}</p>;
  return (
    <figure className="backlog-chart" data-testid="backlog-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('metrics.backlogDaily')} width="100%" preserveAspectRatio="xMidYMid meet">
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} stroke="#e3e7ee" />
            <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" fontSize="10" fill="#6b778c">
              {v}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % step === 0 || i === days.length - 1 ? (
            <text key={d} x={x(i)} y={H - 8} textAnchor="middle" fontSize="10" fill="#6b778c">
              {fmt.format(new Date(d))}
            </text>
          ) : null,
        )}
        {lines.map((line, li) => {
          const color = COLORS[li % COLORS.length];
          const pts = days.map((d, i) => `${x(i)},${y(value(d, line))}`).join(' ');
          return (
            <g key={line} data-line={line}>
              <polyline points={pts} fill="none" stroke={color} strokeWidth="2" />
              {days.map((d, i) => (
                <circle key={d} cx={x(i)} cy={y(value(d, line))} r="2.5" fill={color}>
                  <title>{`${line} ${fmt.format(new Date(d))}: ${value(d, line)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend small">
        {lines.length === 0 && <span className="muted">{t('metrics.noBacklog')}</span>}
        {lines.map((line, li) => (
          <span key={line} className="legend-item">
            <span className="legend-swatch" style={{ background: COLORS[li % COLORS.length] }} />
            {line}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
