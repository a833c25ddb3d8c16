import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../../../i18n';
import { TICKET_TYPES, type TicketType } from '../../../types';
import { SLA_METRICS, TARGET_KEYS, slaAdminApi, type CalendarRef, type MetricTargets, type SlaCalendar, type SlaPlan, type TargetKey } from '../../../api/sla-admin';
import { SaveError, Saved, minutesText, parseMinutes } from './common';

type Grid = Record<string, Record<string, string>>;

const toGrid = (m: MetricTargets | undefined): Grid =>
  Object.fromEntries(SLA_METRICS.map((metric) => [metric, Object.fromEntries(TARGET_KEYS.map((k) => [k, m?.[metric]?.[k] === undefined ? '' : String(m[metric]?.[k])]))]));

const keyLabel = (k: TargetKey, t: (key: MessageKey) => string) => (k === 'any' ? t('slaAdmin.any') : t(`priority.${k}` as MessageKey));

/** Plans with their targets per priority; an admin opens one to edit targets, per-type overrides and calendar. */
export function SlaPlansAdmin({ plans, calendars, canEdit, onChanged }: { plans: SlaPlan[]; calendars: SlaCalendar[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const plan = plans.find((p) => p.code === open) ?? null;
  return (
    <section className="card" data-testid="sla-plans">
      <h2>{t('slaAdmin.plans')}</h2>
      <p className="muted small">{t('slaAdmin.plansHint')}</p>
      <div style={{ overflowX: 'auto' }}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('slaAdmin.plan')}</th>
              <th>{t('slaAdmin.calendar')}</th>
              {SLA_METRICS.map((m) => (
                <th key={m}>{t(`sla.metric.${m}` as MessageKey)}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.code} data-testid="sla-plan-row" data-code={p.code}>
                <td>
                  <strong>{p.name}</strong> <span className="muted small mono">{p.code}</span>
                  {p.extends && <div className="muted small">{t('slaAdmin.extends')}: {p.extends}</div>}
                </td>
                <td className="nowrap">{p.calendar ? t(`sla.calendar.${p.calendar}` as MessageKey) : <span className="muted">{t('slaAdmin.inherit')}</span>}</td>
                {SLA_METRICS.map((m) => (
                  <td key={m} className="small">
                    {TARGET_KEYS.filter((k) => p.targets[m]?.[k] !== undefined).map((k) => (
                      <div key={k} data-testid="sla-plan-target" data-plan={p.code} data-metric={m} data-key={k}>
                        {keyLabel(k, t)}: {minutesText(p.targets[m]?.[k], t)}
                      </div>
                    ))}
                    {Object.entries(p.typeTargets)
                      .filter(([, tt]) => tt[m])
                      .map(([type, tt]) => (
                        <div key={type} className="muted" data-testid="sla-plan-type-target" data-plan={p.code} data-type={type} data-metric={m}>
                          {t(`type.${type}` as MessageKey)}:{' '}
                          {TARGET_KEYS.filter((k) => tt[m]?.[k] !== undefined)
                            .map((k) => `${keyLabel(k, t)} ${minutesText(tt[m]?.[k], t)}`)
                            .join(', ')}
                        </div>
                      ))}
                  </td>
                ))}
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setOpen(open === p.code ? null : p.code)} data-testid="sla-plan-edit">
                    {open === p.code ? t('slaAdmin.close') : canEdit ? t('slaAdmin.edit') : t('slaAdmin.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan && <PlanForm key={`${plan.code}-${JSON.stringify(plan.targets)}-${JSON.stringify(plan.typeTargets)}`} plan={plan} calendars={calendars} canEdit={canEdit} onSaved={onChanged} />}
    </section>
  );
}

function TargetGrid({ grid, onChange, canEdit, prefix }: { grid: Grid; onChange: (g: Grid) => void; canEdit: boolean; prefix: string }) {
  const { t } = useI18n();
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>{t('slaAdmin.metric')}</th>
          {TARGET_KEYS.map((k) => (
            <th key={k}>
              {keyLabel(k, t)}, {t('slaAdmin.minutes')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SLA_METRICS.map((m) => (
          <tr key={m}>
            <td>{t(`sla.metric.${m}` as MessageKey)}</td>
            {TARGET_KEYS.map((k) => (
              <td key={k}>
                <input
                  className="num-input"
                  inputMode="numeric"
                  value={grid[m]?.[k] ?? ''}
                  disabled={!canEdit}
                  aria-label={`${prefix} ${t(`sla.metric.${m}` as MessageKey)} ${keyLabel(k, t)}`}
                  data-testid="sla-target-input"
                  data-metric={m}
                  data-key={k}
                  onChange={(e) => onChange({ ...grid, [m]: { ...grid[m], [k]: e.target.value } })}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanForm({ plan, calendars, canEdit, onSaved }: { plan: SlaPlan; calendars: SlaCalendar[]; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(plan.name);
  const [calendar, setCalendar] = useState<CalendarRef | ''>(plan.calendar ?? '');
  const [calendarId, setCalendarId] = useState(plan.calendarId ?? '');
  const [grid, setGrid] = useState<Grid>(() => toGrid(plan.targets));
  const [typeGrids, setTypeGrids] = useState<Record<string, Grid>>(() => Object.fromEntries(Object.entries(plan.typeTargets).map(([type, m]) => [type, toGrid(m)])));
  const [addType, setAddType] = useState<TicketType | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  function fromGrid(g: Grid, label: string, problems: string[]): MetricTargets {
    const out: MetricTargets = {};
    for (const m of SLA_METRICS) {
      for (const k of TARGET_KEYS) {
        const v = parseMinutes(g[m]?.[k] ?? '');
        if (v === null) problems.push(t('slaAdmin.badMinutes', { field: `${label} ${t(`sla.metric.${m}` as MessageKey)} ${keyLabel(k, t)}` }));
        else if (v !== undefined) out[m] = { ...out[m], [k]: v };
      }
    }
    return out;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const problems: string[] = [];
    const targets = fromGrid(grid, plan.code, problems);
    const typeTargets: Record<string, MetricTargets> = {};
    for (const [type, g] of Object.entries(typeGrids)) {
      const m = fromGrid(g, t(`type.${type}` as MessageKey), problems);
      if (Object.keys(m).length) typeTargets[type] = m;
    }
    if (problems.length) return setError(problems.join('; '));
    setBusy(true);
    setError(null);
    try {
      await slaAdminApi.savePlan(plan.code, { name: name.trim() || plan.name, calendar: calendar || null, calendarId: calendarId || null, targets, typeTargets });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const shared = calendars.filter((c) => c.organizationId === null);
  return (
    <form className="card admin-card" onSubmit={submit} data-testid="sla-plan-form" data-code={plan.code}>
      <h3>{t('slaAdmin.editing', { plan: plan.code })}</h3>
      <div className="row">
        <label className="field">
          <span>{t('slaAdmin.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} maxLength={200} data-testid="sla-plan-name" />
        </label>
        <label className="field">
          <span>{t('slaAdmin.calendar')}</span>
          <select value={calendar} onChange={(e) => setCalendar(e.target.value as CalendarRef | '')} disabled={!canEdit} data-testid="sla-plan-calendar">
            <option value="">{t('slaAdmin.inherit')}</option>
            <option value="24x7">{t('sla.calendar.24x7')}</option>
            <option value="business-hours">{t('sla.calendar.business-hours')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('slaAdmin.businessCalendar')}</span>
          <select value={calendarId} onChange={(e) => setCalendarId(e.target.value)} disabled={!canEdit} data-testid="sla-plan-calendar-id">
            <option value="">{t('slaAdmin.deskDefault')}</option>
            {shared.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <TargetGrid grid={grid} onChange={setGrid} canEdit={canEdit} prefix={plan.code} />
      <h4>{t('slaAdmin.byType')}</h4>
      <p className="muted small">{t('slaAdmin.byTypeHint')}</p>
      {Object.entries(typeGrids).map(([type, g]) => (
        <div key={type} data-testid="sla-type-grid" data-type={type}>
          <div className="row">
            <strong>{t(`type.${type}` as MessageKey)}</strong>
            {canEdit && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const next = { ...typeGrids };
                  delete next[type];
                  setTypeGrids(next);
                }}
              >
                {t('slaAdmin.remove')}
              </button>
            )}
          </div>
          <TargetGrid grid={g} onChange={(ng) => setTypeGrids({ ...typeGrids, [type]: ng })} canEdit={canEdit} prefix={t(`type.${type}` as MessageKey)} />
        </div>
      ))}
      {canEdit && (
        <div className="row">
          <select value={addType} onChange={(e) => setAddType(e.target.value as TicketType | '')} aria-label={t('slaAdmin.addType')} data-testid="sla-add-type">
            <option value="">{t('slaAdmin.addType')}…</option>
            {TICKET_TYPES.filter((ty) => !typeGrids[ty]).map((ty) => (
              <option key={ty} value={ty}>
                {t(`type.${ty}` as MessageKey)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!addType}
            onClick={() => {
              if (addType) setTypeGrids({ ...typeGrids, [addType]: toGrid(undefined) });
              setAddType('');
            }}
          >
            {t('slaAdmin.addType')}
          </button>
        </div>
      )}
      <SaveError error={error} />
      {canEdit && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sla-plan-save">
            {t('slaAdmin.save')}
          </button>
          <Saved show={saved} testId="sla-plan-saved" />
        </div>
      )}
    </form>
  );
}
