import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { classifierApi, type ClassifierModelInfo } from '../../api/classifier';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/admin/useAction';

const TARGETS = ['type', 'catalogue', 'priority', 'line'] as const;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

/** Classifier models: versions with their k-fold figures, retraining, activation and rollback, the auto-apply threshold. */
export function AdminClassifier({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const models = useLoad(() => classifierApi.models(), 'classifier-models');
  const settings = useLoad(() => classifierApi.settings(), 'classifier-settings');
  const activate = useAction();
  const retrain = useAction();
  const [queued, setQueued] = useState<boolean | null>(null);

  async function onRetrain() {
    setQueued(null);
    await retrain.run(async () => setQueued((await classifierApi.retrain('auto')).queued));
  }

  return (
    <div data-testid="admin-classifier" data-can-edit={String(canEdit)}>
      <p className="muted">{t('classifier.admin.intro')}</p>
      <ErrorNote error={models.error ?? settings.error} onRetry={models.reload} />
      {settings.data && <ThresholdForm key={settings.data.autoApplyThreshold} value={settings.data.autoApplyThreshold} canEdit={canEdit} onSaved={settings.reload} />}

      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap', marginTop: 12 }}>
        <h2 style={{ margin: 0 }}>{t('classifier.admin.versions')}</h2>
        <button type="button" className="btn btn-small" onClick={models.reload} disabled={models.loading} data-testid="classifier-refresh">
          {t('classifier.admin.refresh')}
        </button>
        {canEdit && (
          <button type="button" className="btn btn-primary btn-small" onClick={() => void onRetrain()} disabled={retrain.busy} data-testid="classifier-retrain">
            {t('classifier.admin.retrain')}
          </button>
        )}
      </div>
      {canEdit && <p className="muted small">{t('classifier.admin.retrainHint')}</p>}
      {queued !== null && (
        <p className={`alert ${queued ? 'alert-ok' : 'alert-info'}`} role="status" data-testid="classifier-retrain-status">
          {t(queued ? 'classifier.admin.retrainQueued' : 'classifier.admin.retrainBusy')}
        </p>
      )}
      <ErrorNote error={retrain.error ?? activate.error} />
      {models.loading && !models.data && <p className="muted">{t('app.loading')}</p>}
      {models.data && (
        <table className="table compact" data-testid="classifier-versions">
          <thead>
            <tr>
              <th>{t('classifier.admin.version')}</th>
              <th>{t('classifier.admin.created')}</th>
              <th>{t('classifier.admin.source')}</th>
              <th>{t('classifier.admin.size')}</th>
              <th>{t('classifier.admin.accuracy')}</th>
              <th>{t('classifier.admin.macroF1')}</th>
              <th>{t('classifier.admin.perTarget')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.data.items.map((m) => (
              <VersionRow
                key={m.version}
                m={m}
                canEdit={canEdit}
                busy={activate.busy}
                olderThanActive={m.version < (models.data?.items.find((x) => x.active)?.version ?? 0)}
                onActivate={() => {
                  if (!window.confirm(t('classifier.admin.confirmActivate', { version: m.version }))) return;
                  void activate.run(async () => models.setData(await classifierApi.activate(m.version)));
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function VersionRow({ m, canEdit, busy, olderThanActive, onActivate }: { m: ClassifierModelInfo; canEdit: boolean; busy: boolean; olderThanActive: boolean; onActivate: () => void }) {
  const { t, dt } = useI18n();
  return (
    <tr data-testid="classifier-version" data-version={m.version} data-active={String(m.active)}>
      <td>
        <strong>v{m.version}</strong> {m.active && <span className="badge badge-internal">{t('classifier.admin.active')}</span>}
      </td>
      <td>
        {dt(m.createdAt)}
        {m.createdBy && <div className="muted small">{t('classifier.admin.by', { name: m.createdBy.name })}</div>}
      </td>
      <td>
        {t(m.source === 'default' ? 'classifier.admin.source.default' : 'classifier.admin.source.trained')}
        {m.note && <div className="muted small">{m.note}</div>}
      </td>
      <td>{m.trainingSize}</td>
      <td>{pct(m.accuracy)}</td>
      <td>{pct(m.macroF1)}</td>
      <td className="small">
        {TARGETS.filter((k) => m.evaluation[k]).map((k) => (
          <div key={k}>
            {t(`classifier.target.${k}`)}: {pct(m.evaluation[k]?.accuracy)} / {pct(m.evaluation[k]?.macroF1)}
          </div>
        ))}
      </td>
      <td>
        {canEdit && !m.active && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={onActivate} data-testid="classifier-activate">
            {t(olderThanActive ? 'classifier.admin.rollback' : 'classifier.admin.activate')}
          </button>
        )}
      </td>
    </tr>
  );
}

function ThresholdForm({ value, canEdit, onSaved }: { value: number; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const [v, setV] = useState(String(Math.round(value * 100)));
  const save = useAction();
  const n = Number(v);
  const valid = Number.isFinite(n) && n >= 30 && n <= 100;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    if (await save.run(() => classifierApi.saveSettings(n / 100))) onSaved();
  }
  return (
    <form className="card admin-card" onSubmit={submit} data-testid="classifier-threshold">
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <label className="field" style={{ flex: '0 0 auto' }}>
          <span>{t('classifier.admin.threshold')}</span>
          <input type="number" min={30} max={100} step={1} value={v} onChange={(e) => setV(e.target.value)} disabled={!canEdit} aria-invalid={!valid} required style={{ width: 90 }} />
        </label>
        <span className="muted small">{t('classifier.admin.thresholdHint')}</span>
      </div>
      {canEdit && (
        <div className="actions">
          <button type="submit" className="btn btn-primary btn-small" disabled={save.busy || !valid}>
            {t('classifier.admin.save')}
          </button>
          {save.done && <span className="muted small">{t('classifier.admin.saved')}</span>}
        </div>
      )}
      <ErrorNote error={save.error} />
    </form>
  );
}
