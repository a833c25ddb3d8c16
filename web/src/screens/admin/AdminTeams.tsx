import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { forgetReferenceData, loadDirectory } from '../../session';
import { ErrorNote } from '../../components/ErrorNote';
import { TeamCard } from '../../components/admin/TeamCard';
import { useAction } from '../../components/admin/useAction';
import type { LineInfo } from '../../types';

export function AdminTeams({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const teams = useLoad(() => api.adminTeams(), 'admin-teams');
  const lines = useLoad(() => api.lines(), 'admin-teams-lines');
  const directory = useLoad(loadDirectory, 'directory');
  const [tick, setTick] = useState(0);
  const changed = () => {
    forgetReferenceData();
    teams.reload();
    setTick((n) => n + 1);
  };
  return (
    <div data-testid="admin-teams">
      <ErrorNote error={teams.error ?? lines.error ?? directory.error} onRetry={teams.reload} />
      {teams.loading && !teams.data && <p className="muted">{t('app.loading')}</p>}
      {teams.data?.items.map((tm) => (
        <TeamCard key={`${tm.id}-${tick}`} team={tm} agents={directory.data?.agents ?? []} canEdit={canEdit} onChanged={changed} />
      ))}
      {canEdit && lines.data && <NewTeam lines={lines.data.items} onCreated={changed} />}
    </div>
  );
}

function NewTeam({ lines, onCreated }: { lines: LineInfo[]; onCreated: () => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ lineId: lines[0]?.id ?? '', code: '', nameEn: '', nameRu: '' });
  const save = useAction();
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await save.run(() => api.createTeam(v))) {
      setV((old) => ({ ...old, code: '', nameEn: '', nameRu: '' }));
      onCreated();
    }
  }
  return (
    <>
      <h2>{t('admin.newTeam')}</h2>
      <form className="card admin-card" onSubmit={submit} data-testid="team-new">
        <div className="row">
          <label className="field">
            <span>{t('field.line')}</span>
            <select value={v.lineId} onChange={(e) => setV({ ...v, lineId: e.target.value })}>
              {lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('admin.code')}</span>
            <input value={v.code} onChange={(e) => setV({ ...v, code: e.target.value.toUpperCase() })} placeholder="L2-STORAGE" required />
          </label>
          <label className="field">
            <span>{t('admin.nameRu')}</span>
            <input value={v.nameRu} onChange={(e) => setV({ ...v, nameRu: e.target.value })} required />
          </label>
          <label className="field">
            <span>{t('admin.nameEn')}</span>
            <input value={v.nameEn} onChange={(e) => setV({ ...v, nameEn: e.target.value })} required />
          </label>
        </div>
        <div className="actions">
          <button type="submit" className="btn btn-primary btn-small" disabled={save.busy}>
            {t('admin.create')}
          </button>
        </div>
        <ErrorNote error={save.error} />
      </form>
    </>
  );
}
