import { Fragment } from 'react';
import { useI18n } from '../../i18n';
import type { SlaMetricStats, SlaReport } from '../../types';
import { Link } from '../Link';
import { ticketHref } from '../../router';
import { formatDuration, groupLabel, metricLabel } from './format';

/** Per group: % met, median and p95 business time, breaches — for first response and for resolution. */
export function SlaReportTable({ report }: { report: SlaReport }) {
  const { t } = useI18n();
  const heads = [t('report.percentMet'), t('report.median'), t('report.p95'), t('report.breaches'), t('report.open')];
  return (
    <table className="table sla-report-table" data-testid="sla-report-table">
      <thead>
        <tr>
          <th rowSpan={2}>{t('report.group')}</th>
          <th colSpan={heads.length} className="sla-colgroup">{t('report.firstResponse')}</th>
          <th colSpan={heads.length} className="sla-colgroup">{t('report.resolution')}</th>
        </tr>
        <tr>
          {[0, 1].map((i) => (
            <Fragment key={i}>
              {heads.map((h) => (
                <th key={h} className="num">{h}</th>
              ))}
            </Fragment>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.groups.map((g) => (
          <tr key={g.group} data-testid="sla-report-row" data-group={g.group}>
            <td>
              <strong>{groupLabel(report.groupBy, g.group, t)}</strong>
            </td>
            <StatCells stats={g.firstResponse} />
            <StatCells stats={g.resolution} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatCells({ stats }: { stats: SlaMetricStats | null }) {
  const { t } = useI18n();
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatDuration(v, t));
  if (!stats) return <td colSpan={5} className="muted">—</td>;
  return (
    <>
      <td className="num" data-testid="pct-met" title={`${stats.met} / ${stats.met + stats.breached}`}>
        {stats.percentMet === null ? '—' : `${stats.percentMet} %`}
      </td>
      <td className="num">{ms(stats.medianMs)}</td>
      <td className="num">{ms(stats.p95Ms)}</td>
      <td className={stats.breached ? 'num sla-overdue' : 'num'}>{stats.breached}</td>
      <td className="num muted" title={stats.cancelled ? t('report.cancelledNote', { n: stats.cancelled }) : undefined}>
        {stats.open}
        {stats.cancelled ? <sup data-testid="sla-cancelled">{`+${stats.cancelled}`}</sup> : null}
      </td>
    </>
  );
}

/** Each breach with the state of the request when it happened. */
export function SlaBreachList({ breaches }: { breaches: SlaReport['breaches'] }) {
  const { t, dt } = useI18n();
  if (breaches.length === 0) return <p className="muted" data-testid="sla-no-breaches">{t('report.noBreaches')}</p>;
  return (
    <table className="table compact" data-testid="sla-breaches">
      <thead>
        <tr>
          <th>{t('field.key')}</th>
          <th>{t('sla.column')}</th>
          <th>{t('report.breachDue')}</th>
          <th>{t('report.breachRecorded')}</th>
          <th>{t('report.breachState')}</th>
        </tr>
      </thead>
      <tbody>
        {breaches.map((b) => (
          <tr key={`${b.key}-${b.metric}-${b.dueAt}`}>
            <td className="mono">
              <Link to={ticketHref(b.key)}>{b.key}</Link>
            </td>
            <td>{metricLabel(b.metric, t)}</td>
            <td className="nowrap">{dt(b.dueAt)}</td>
            <td className="nowrap">{dt(b.recordedAt)}</td>
            <td className="small">{b.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
