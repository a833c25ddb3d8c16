import { useI18n } from '../../i18n';
import type { SlaReport } from '../../types';
import { groupLabel } from './format';

const ROW = 26;
const LABEL_W = 140;
const BAR_W = 360;

/** % met per group as horizontal bars, first response and resolution side by side; inline SVG, no library. */
export function SlaBarChart({ groups, groupBy }: { groups: SlaReport['groups']; groupBy: SlaReport['groupBy'] }) {
  const { t } = useI18n();
  const height = groups.length * ROW * 2 + 30;
  const series = [
    { key: 'firstResponse' as const, label: t('report.firstResponse'), cls: 'sla-bar-fr' },
    { key: 'resolution' as const, label: t('report.resolution'), cls: 'sla-bar-res' },
  ];
  return (
    <figure className="sla-chart" data-testid="sla-chart">
      <figcaption className="muted small">
        {t('report.chartTitle')}:{' '}
        {series.map((s) => (
          <span key={s.key} className="sla-legend">
            <span className={`sla-swatch ${s.cls}`} /> {s.label}
          </span>
        ))}
      </figcaption>
      <svg width={LABEL_W + BAR_W + 60} height={height} role="img" aria-label={t('report.chartTitle')}>
        {[0, 50, 90, 100].map((p) => (
          <g key={p}>
            <line x1={LABEL_W + (BAR_W * p) / 100} x2={LABEL_W + (BAR_W * p) / 100} y1={0} y2={height - 18} className="sla-grid" />
            <text x={LABEL_W + (BAR_W * p) / 100} y={height - 4} textAnchor="middle" className="sla-axis">
              {p}%
            </text>
          </g>
        ))}
        {groups.map((g, gi) =>
          series.map((s, si) => {
            const stats = g[s.key];
            const pct = stats?.percentMet ?? null;
            const y = (gi * 2 + si) * ROW + 4;
            return (
              <g key={`${g.group}-${s.key}`} data-testid="sla-bar" data-group={g.group}>
                {si === 0 && (
                  <text x={LABEL_W - 8} y={y + ROW} textAnchor="end" className="sla-label">
                    {groupLabel(groupBy, g.group, t)}
                  </text>
                )}
                <rect x={LABEL_W} y={y + 3} width={pct === null ? 0 : (BAR_W * pct) / 100} height={ROW - 8} className={s.cls}>
                  <title>{`${groupLabel(groupBy, g.group, t)} · ${s.label}: ${pct === null ? '—' : `${pct} %`}`}</title>
                </rect>
                <text x={LABEL_W + (pct === null ? 0 : (BAR_W * pct) / 100) + 4} y={y + ROW - 8} className="sla-value">
                  {pct === null ? '—' : `${pct}%`}
                </text>
              </g>
            );
          }),
        )}
      </svg>
    </figure>
  );
}
