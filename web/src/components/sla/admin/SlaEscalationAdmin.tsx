import { useState, type FormEvent } from 'react';
import { api } from '../../../api';
import { useI18n, type MessageKey } from '../../../i18n';
import { useLoad } from '../../../useLoad';
import { SLA_METRICS, slaAdminApi, type EscalationAction, type EscalationStep, type SlaPlan } from '../../../api/sla-admin';
import { SaveError, Saved } from './common';

const WHO = ['assignee', 'team_lead', 'duty_manager', 'head_of_support'] as const;
const KINDS = ['notify', 'raise_priority', 'move_to_team'] as const;

/** The global warning points (per cent of each target). */
export function SlaWarnAtAdmin({ warnAt, canEdit, onChanged }: { warnAt: number[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(warnAt.map((f) => Math.round(f * 100)).join(', '));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const parts = text.split(/[,;\s]+/).filter(Boolean);
    const values = parts.map(Number);
    if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 99) || new Set(values).size !== values.length) return setError(t('slaAdmin.badWarnAt'));
    setError(null);
    try {
      await slaAdminApi.saveWarnAt(values.map((v) => v / 100));
      setSaved(true);
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form className="card" onSubmit={submit} data-testid="sla-warn-at">
      <h2>{t('slaAdmin.warnAt')}</h2>
      <p className="muted small">{t('slaAdmin.warnAtHint')}</p>
      <div className="row">
        <input value={text} onChange={(e) => setText(e.target.value)} disabled={!canEdit} aria-label={t('slaAdmin.warnAt')} data-testid="sla-warn-at-input" />
        {canEdit && (
          <button type="submit" className="btn btn-primary" data-testid="sla-warn-at-save">
            {t('slaAdmin.save')}
          </button>
        )}
        <Saved show={saved} testId="sla-warn-at-saved" />
      </div>
      <SaveError error={error} />
    </form>
  );
}

/** One plan's escalation chain: steps per warning point or breach, each with its actions. */
export function SlaEscalationAdmin({ plans, warnAt, canEdit, onChanged }: { plans: SlaPlan[]; warnAt: number[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState(plans[0]?.code ?? '');
  const plan = plans.find((p) => p.code === code);
  return (
    <section className="card" data-testid="sla-escalation">
      <h2>{t('slaAdmin.escalation')}</h2>
      <p className="muted small">{t('slaAdmin.escalationHint')}</p>
      <label>
        {t('slaAdmin.plan')}{' '}
        <select value={code} onChange={(e) => setCode(e.target.value)} data-testid="sla-escalation-plan">
          {plans.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {plan && <ChainForm key={`${plan.code}-${JSON.stringify(plan.escalation)}`} plan={plan} warnAt={warnAt} canEdit={canEdit} onSaved={onChanged} />}
    </section>
  );
}

function ChainForm({ plan, warnAt, canEdit, onSaved }: { plan: SlaPlan; warnAt: number[]; canEdit: boolean; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const teams = useLoad(() => api.teams(), 'sla-escalation-teams');
  const [steps, setSteps] = useState<EscalationStep[]>(() => plan.escalation.map((s) => ({ ...s, actions: [...s.actions] })));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const points = [...new Set([...warnAt.map(String), ...steps.map((s) => s.on).filter((o) => o !== 'breach')])].sort();
  const firstTeam = teams.data?.items[0]?.code ?? '';

  const setStep = (i: number, s: EscalationStep) => setSteps(steps.map((x, j) => (j === i ? s : x)));
  const setAction = (i: number, k: number, a: EscalationAction) => {
    const s = steps[i];
    if (s) setStep(i, { ...s, actions: s.actions.map((x, j) => (j === k ? a : x)) });
  };
  const newAction = (kind: (typeof KINDS)[number]): EscalationAction =>
    kind === 'notify' ? { kind, who: 'assignee' } : kind === 'raise_priority' ? { kind } : { kind, team: firstTeam };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setError(null);
    try {
      await slaAdminApi.saveEscalation(plan.code, steps);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form onSubmit={submit} data-testid="sla-chain-form" data-code={plan.code}>
      {steps.length === 0 && <p className="muted">{t('slaAdmin.noSteps')}</p>}
      <ol className="sla-chain">
        {steps.map((s, i) => (
          <li key={i} className="card admin-card" data-testid="sla-chain-step" data-on={s.on}>
            <div className="row">
              <label>
                {t('slaAdmin.on')}{' '}
                <select value={s.on} disabled={!canEdit} onChange={(e) => setStep(i, { ...s, on: e.target.value })} data-testid="sla-step-on">
                  {points.map((p) => (
                    <option key={p} value={p}>
                      {t('slaAdmin.onPoint', { p: Math.round(Number(p) * 100) })}
                    </option>
                  ))}
                  <option value="breach">{t('slaAdmin.onBreach')}</option>
                </select>
              </label>
              <label>
                {t('slaAdmin.forMetrics')}{' '}
                <select
                  value={s.metrics?.[0] ?? ''}
                  disabled={!canEdit}
                  onChange={(e) => {
                    const { metrics: _drop, ...rest } = s;
                    setStep(i, e.target.value ? { ...rest, metrics: [e.target.value] } : rest);
                  }}
                >
                  <option value="">{t('slaAdmin.allMetrics')}</option>
                  {[...SLA_METRICS, 'vendor'].map((m) => (
                    <option key={m} value={m}>
                      {t(`sla.metric.${m}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              {canEdit && (
                <button type="button" className="btn btn-small" onClick={() => setSteps(steps.filter((_, j) => j !== i))}>
                  {t('slaAdmin.remove')}
                </button>
              )}
            </div>
            <ul>
              {s.actions.map((a, k) => (
                <li key={k} className="row" data-testid="sla-step-action" data-kind={a.kind}>
                  <select value={a.kind} disabled={!canEdit} onChange={(e) => setAction(i, k, newAction(e.target.value as (typeof KINDS)[number]))} aria-label={t('slaAdmin.actions')}>
                    {KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`slaAdmin.action.${kind}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                  {a.kind === 'notify' && (
                    <select value={a.who} disabled={!canEdit} onChange={(e) => setAction(i, k, { kind: 'notify', who: e.target.value as (typeof WHO)[number] })} aria-label={t('slaAdmin.action.notify')}>
                      {WHO.map((w) => (
                        <option key={w} value={w}>
                          {t(`slaAdmin.who.${w}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  )}
                  {a.kind === 'move_to_team' && (
                    <select value={a.team} disabled={!canEdit} onChange={(e) => setAction(i, k, { kind: 'move_to_team', team: e.target.value })} aria-label={t('slaAdmin.action.move_to_team')}>
                      {!teams.data?.items.some((tm) => tm.code === a.team) && <option value={a.team}>{a.team}</option>}
                      {(teams.data?.items ?? []).map((tm) => (
                        <option key={tm.code} value={tm.code}>
                          {locale === 'ru' ? tm.nameRu : tm.nameEn}
                        </option>
                      ))}
                    </select>
                  )}
                  {canEdit && s.actions.length > 1 && (
                    <button type="button" className="btn btn-small" onClick={() => setStep(i, { ...s, actions: s.actions.filter((_, j) => j !== k) })}>
                      {t('slaAdmin.remove')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {canEdit && s.actions.length < 10 && (
              <button type="button" className="btn btn-small" onClick={() => setStep(i, { ...s, actions: [...s.actions, newAction('notify')] })}>
                {t('slaAdmin.addAction')}
              </button>
            )}
          </li>
        ))}
      </ol>
      <SaveError error={error} />
      {canEdit && (
        <div className="actions">
          <button type="button" className="btn" disabled={steps.length >= 20} onClick={() => setSteps([...steps, { on: 'breach', actions: [newAction('notify')] }])} data-testid="sla-add-step">
            {t('slaAdmin.addStep')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="sla-chain-save">
            {t('slaAdmin.save')}
          </button>
          <Saved show={saved} testId="sla-chain-saved" />
        </div>
      )}
    </form>
  );
}
