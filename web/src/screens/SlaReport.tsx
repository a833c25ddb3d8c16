import { useState, type FormEvent } from 'react';
import { ApiError, api, slaReportUrl } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { ErrorNote } from '../components/ErrorNote';
import { SlaBarChart } from '../components/sla/SlaBarChart';
import { SlaBreachList, SlaReportTable } from '../components/sla/SlaReportTable';
import { SLA_GROUP_BY, type SlaGroupBy } from '../types';

interface Period {
  from: string;
  to: string;
  groupBy: SlaGroupBy;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function defaultPeriod(): Period {
  const today = new Date();
  const from = new Date(today);
  from.setDate(from.getDate() - 29);
  return { from: localDate(from), to: localDate(today), groupBy: 'plan' };
}

/** The picked days as the API's half-open instant range: [from 00:00, the day after "to" 00:00) in this browser's zone. */
function instants(p: Period): { from: string; to: string } {
  const from = new Date(`${p.from}T00:00:00`);
  const to = new Date(`${p.to}T00:00:00`);
  to.setDate(to.getDate() + 1);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** SLA compliance for duty managers and administrators: period, grouping, table, chart, breaches, CSV. */
export function SlaReport() {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Period>(defaultPeriod);
  const [applied, setApplied] = useState<Period>(draft);
  const badRange = draft.to < draft.from;
  const range = instants(applied);
  const report = useLoad(() => api.slaReport(range.from, range.to, applied.groupBy), JSON.stringify(applied));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!badRange) setApplied(draft);
  }

  const forbidden = report.error instanceof ApiError && report.error.status === 403;
  const data = report.data;

  return (
    <div className="page wide sla-report" data-testid="sla-report">
      <div className="page-head">
        <h1>{t('report.title')}</h1>
      </div>
      <form className="sla-report-form card" onSubmit={submit} data-testid="sla-report-form">
        <label className="field">
          <span>{t('report.from')}</span>
          <input type="date" value={draft.from} max={draft.to} required onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="report-from" />
        </label>
        <label className="field">
          <span>{t('report.to')}</span>
          <input type="date" value={draft.to} min={draft.from} required onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="report-to" />
        </label>
        <label className="field">
          <span>{t('report.groupBy')}</span>
          <select value={draft.groupBy} onChange={(e) => setDraft({ ...draft, groupBy: SLA_GROUP_BY.find((g) => g === e.target.value) ?? 'plan' })} data-testid="report-group-by">
            {SLA_GROUP_BY.map((g) => (
              <option key={g} value={g}>
                {t(`report.groupBy.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={badRange || report.loading} data-testid="report-show">
          {t('report.show')}
        </button>
        <a className="btn" href={slaReportUrl(range.from, range.to, applied.groupBy, 'csv')} download="sla-report.csv" data-testid="report-csv">
          {t('report.csv')}
        </a>
        {badRange && <span className="field-error">{t('report.badRange')}</span>}
      </form>
      {forbidden ? <p className="alert alert-warn">{t('report.forbidden')}</p> : <ErrorNote error={report.error} onRetry={report.reload} />}
      {report.loading && !data && <p className="muted">{t('app.loading')}</p>}
      {data && data.groups.length === 0 && <p className="empty" data-testid="sla-report-empty">{t('report.empty')}</p>}
      {data && data.groups.length > 0 && (
        <div aria-busy={report.loading}>
          <SlaReportTable report={data} />
          <SlaBarChart groups={data.groups} groupBy={data.groupBy} />
          <h2>{t('report.breachList')}</h2>
          <SlaBreachList breaches={data.breaches} />
        </div>
      )}
    </div>
  );
}
