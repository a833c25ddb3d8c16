import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { loadOrganisation } from '../session';
import { ErrorNote } from '../components/ErrorNote';
import { BacklogChart } from './LineMetricsChart';
import type { LineFlowRow, LineReport } from '../types';

const DAY = 86_400_000;
const MAX_DAYS = 92;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function duration(ms: number | null, t: ReturnType<typeof useI18n>['t']): string {
  if (ms === null) return '—';
  const min = Math.round(ms / 60_000);
  if (min < 60) return t('metrics.minutes', { n: min });
  const h = ms / 3_600_000;
  if (h < 48) return t('metrics.hours', { n: h.toFixed(1) });
  return t('metrics.days', { n: (h / 24).toFixed(1) });
}

/** Line metrics for duty managers and admins: flow per line and team, escalation reasons, backlog now and per day. */
export function LineMetrics() {
  const { t, dt, locale } = useI18n();
  const today = isoDay(new Date());
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 29 * DAY)));
  const [to, setTo] = useState(today);
  const [lineCode, setLineCode] = useState('');
  const org = useLoad(loadOrganisation, 'organisation');

  const fromIso = `${from}T00:00:00.000Z`;
  const toIso = new Date(new Date(`${to}T00:00:00.000Z`).getTime() + DAY).toISOString();
  const days = Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / DAY);
  const periodError = !from || !to || days < 1 ? t('metrics.badPeriod') : days > MAX_DAYS ? t('metrics.tooLong', { n: MAX_DAYS }) : null;
  const report = useLoad<LineReport | null>(() => (periodError ? Promise.resolve(null) : api.lineReport(fromIso, toIso, lineCode || undefined)), `${fromIso}|${toIso}|${lineCode}|${periodError ?? ''}`);

  function preset(n: number) {
    setTo(today);
    setFrom(isoDay(new Date(Date.now() - (n - 1) * DAY)));
  }
  const r = report.data;
  const reasonName = (code: string) => {
    const found = org.data?.reasons.find((q) => q.code === code);
    return found ? (locale === 'ru' ? found.nameRu : found.nameEn) : code;
  };

  return (
    <div className="page wide" data-testid="line-metrics">
      <div className="page-head">
        <h1>{t('metrics.title')}</h1>
        <span className="spacer" />
        {!periodError && (
          <a className="btn" href={api.lineReportCsvHref(fromIso, toIso, lineCode || undefined)} download data-testid="metrics-csv">
            {t('metrics.csv')}
          </a>
        )}
      </div>
      <div className="card filters metrics-period" data-testid="metrics-period">
        <div className="filter-row">
          <label className="field inline">
            <span>{t('metrics.from')}</span>
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} data-testid="metrics-from" />
          </label>
          <label className="field inline">
            <span>{t('metrics.to')}</span>
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} data-testid="metrics-to" />
          </label>
          {[7, 30, 90].map((n) => (
            <button key={n} type="button" className="btn btn-small" onClick={() => preset(n)}>
              {t('metrics.lastDays', { n })}
            </button>
          ))}
          <label className="field inline">
            <span>{t('field.line')}</span>
            <select value={lineCode} onChange={(e) => setLineCode(e.target.value)} data-testid="metrics-line">
              <option value="">{t('metrics.allLines')}</option>
              {org.data?.lines.map((l) => (
                <option key={l.id} value={l.code}>
                  {l.code}
                </option>
              ))}
            </select>
          </label>
        </div>
        {periodError && <p className="field-error">{periodError}</p>}
      </div>
      <ErrorNote error={report.error} onRetry={report.reload} />
      {report.loading && <p className="muted">{t('list.loading')}</p>}
      {r && (
        <>
          <p className="muted small">{t('metrics.generated', { at: dt(r.generatedAt) })}</p>
          <h2>{t('metrics.flow')}</h2>
          <FlowTable rows={r.flow} />
          <div className="metrics-cols">
            <section>
              <h2>{t('metrics.byReason')}</h2>
              {r.escalationReasons.length === 0 ? (
                <p className="muted">{t('metrics.noEscalations')}</p>
              ) : (
                <table className="table compact" data-testid="metrics-reasons">
                  <thead>
                    <tr>
                      <th>{t('field.line')}</th>
                      <th>{t('metrics.reason')}</th>
                      <th className="num">{t('metrics.escalations')}</th>
                      <th className="num">{t('metrics.share')}</th>
                      <th className="num">{t('metrics.escalationRate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.escalationReasons.map((x) => (
                      <tr key={`${x.line}-${x.reason}`}>
                        <td>{x.line ?? '—'}</td>
                        <td>{reasonName(x.reason)}</td>
                        <td className="num">{x.escalations}</td>
                        <td className="num">{pct(x.shareOfEscalations)}</td>
                        <td className="num">{pct(x.rate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section>
              <h2>{t('metrics.backlogNow')}</h2>
              <table className="table compact" data-testid="metrics-backlog-now">
                <thead>
                  <tr>
                    <th>{t('metrics.scope')}</th>
                    <th className="num">{t('metrics.open')}</th>
                    <th className="num">{t('metrics.unassigned')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.backlogNow.map((b) => (
                    <tr key={`${b.scope}-${b.line}-${b.team}`} className={`scope-${b.scope}`}>
                      <td>{b.scope === 'all' ? t('metrics.allLines') : b.scope === 'line' ? b.line : `↳ ${b.team}`}</td>
                      <td className="num">{b.open}</td>
                      <td className="num">{b.unassigned}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <h2>{t('metrics.backlogDaily')}</h2>
          <BacklogChart daily={r.backlogDaily} />
        </>
      )}
    </div>
  );
}

function FlowTable({ rows }: { rows: LineFlowRow[] }) {
  const { t } = useI18n();
  return (
    <table className="table compact metrics-flow" data-testid="metrics-table">
      <thead>
        <tr>
          <th>{t('metrics.scope')}</th>
          <th className="num" title={t('metrics.exitsHint')}>{t('metrics.exits')}</th>
          <th className="num">{t('metrics.resolved')}</th>
          <th className="num" title={t('metrics.flrHint')}>{t('metrics.flr')}</th>
          <th className="num">{t('metrics.escalations')}</th>
          <th className="num">{t('metrics.escalationRate')}</th>
          <th className="num">{t('metrics.returns')}</th>
          <th className="num">{t('metrics.median')}</th>
          <th className="num">{t('metrics.p90')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={`${f.scope}-${f.line}-${f.team}`} className={`scope-${f.scope}`} data-testid={`metrics-row-${f.scope}-${f.team ?? f.line ?? 'all'}`}>
            <td>{f.scope === 'all' ? t('metrics.allLines') : f.scope === 'line' ? f.line : `↳ ${f.team}`}</td>
            <td className="num">{f.exits}</td>
            <td className="num">{f.resolved}</td>
            <td className="num">{pct(f.firstLineResolutionRate)}</td>
            <td className="num">{f.escalations}</td>
            <td className="num">{pct(f.escalationRate)}</td>
            <td className="num">{f.returns}</td>
            <td className="num">{duration(f.medianMsAtLine, t)}</td>
            <td className="num">{duration(f.p90MsAtLine, t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
