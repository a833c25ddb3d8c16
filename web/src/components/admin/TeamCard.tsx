import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../ErrorNote';
import { useAction } from './useAction';
import type { Directory, TeamAdmin, TeamInput } from '../../types';

const splitCodes = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

interface Props {
  team: TeamAdmin;
  agents: Directory['agents'];
  canEdit: boolean;
  onChanged: () => void;
}

/** A team's settings (names, capacity, auto-assign, skills, confidential, active) and its members. */
export function TeamCard({ team, agents, canEdit, onChanged }: Props) {
  const { t, locale } = useI18n();
  const [v, setV] = useState({
    nameEn: team.nameEn,
    nameRu: team.nameRu,
    defaultCapacity: team.defaultCapacity,
    autoAssign: team.autoAssign,
    confidential: team.confidential,
    active: team.active,
    skills: team.skills.join(', '),
  });
  const [newMember, setNewMember] = useState('');
  const save = useAction();
  const members = useAction();
  const tid = `team-${team.code}`;
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [k]: value }));
  const candidates = agents.filter((a) => !team.members.some((m) => m.userId === a.id));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: TeamInput = { ...v, skills: splitCodes(v.skills) };
    if (await save.run(() => api.updateTeam(team.id, input))) onChanged();
  }
  async function memberAction(fn: () => Promise<unknown>) {
    if (await members.run(fn)) onChanged();
  }

  return (
    <div className="card admin-card" data-testid={tid}>
      <h2 className="admin-card-title">
        {locale === 'ru' ? team.nameRu : team.nameEn} <code>{team.code}</code> <span className="muted small">{team.lineCode}</span>
        {!team.active && <span className="badge">{t('admin.inactive')}</span>}
        {team.confidential && <span className="badge badge-internal">{t('admin.confidential')}</span>}
      </h2>
      <form onSubmit={submit}>
        <fieldset disabled={!canEdit || save.busy}>
          <div className="row">
            <label className="field">
              <span>{t('admin.nameRu')}</span>
              <input value={v.nameRu} onChange={(e) => set('nameRu', e.target.value)} required />
            </label>
            <label className="field">
              <span>{t('admin.nameEn')}</span>
              <input value={v.nameEn} onChange={(e) => set('nameEn', e.target.value)} required />
            </label>
            <label className="field">
              <span>{t('admin.defaultCapacity')}</span>
              <input type="number" min={0} max={1000} value={v.defaultCapacity} onChange={(e) => set('defaultCapacity', Number(e.target.value))} />
            </label>
          </div>
          <label className="field">
            <span>{t('admin.skills')}</span>
            <input value={v.skills} onChange={(e) => set('skills', e.target.value)} placeholder="compute, network.vpc" data-testid={`${tid}-skills`} />
            <span className="hint">{t('admin.skillsHint')}</span>
          </label>
          <div className="actions">
            <label className="field inline">
              <input type="checkbox" checked={v.autoAssign} onChange={(e) => set('autoAssign', e.target.checked)} />
              <span>{t('admin.autoAssign')}</span>
            </label>
            <label className="field inline">
              <input type="checkbox" checked={v.confidential} onChange={(e) => set('confidential', e.target.checked)} />
              <span>{t('admin.confidential')}</span>
            </label>
            <label className="field inline">
              <input type="checkbox" checked={v.active} onChange={(e) => set('active', e.target.checked)} />
              <span>{t('admin.active')}</span>
            </label>
            <span className="spacer" />
            {save.done && <span className="ok-note small">{t('admin.saved')}</span>}
            {canEdit && (
              <button type="submit" className="btn btn-primary btn-small" data-testid={`${tid}-save`}>
                {t('admin.save')}
              </button>
            )}
          </div>
        </fieldset>
        <ErrorNote error={save.error} />
      </form>
      <table className="table compact admin-members" data-testid={`${tid}-members`}>
        <thead>
          <tr>
            <th>{t('admin.member')}</th>
            <th>{t('admin.lead')}</th>
            <th>{t('admin.capacity')}</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {team.members.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}</td>
              <td>
                <input
                  type="checkbox"
                  checked={m.isLead}
                  disabled={!canEdit || members.busy}
                  aria-label={t('admin.lead')}
                  onChange={(e) => void memberAction(() => api.putTeamMember(team.id, m.userId, e.target.checked))}
                />
              </td>
              <td>
                <input
                  type="number"
                  className="num-input"
                  min={0}
                  max={1000}
                  defaultValue={m.capacity}
                  disabled={!canEdit || members.busy}
                  aria-label={t('admin.capacity')}
                  onBlur={(e) => {
                    const n = Number(e.target.value);
                    if (n !== m.capacity) void memberAction(() => api.updateAgent(m.userId, { capacity: n }));
                  }}
                />
              </td>
              {canEdit && (
                <td>
                  <button type="button" className="btn btn-small" disabled={members.busy} onClick={() => void memberAction(() => api.removeTeamMember(team.id, m.userId))}>
                    {t('admin.remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="actions">
          <select value={newMember} onChange={(e) => setNewMember(e.target.value)} data-testid={`${tid}-add-member`}>
            <option value="">{t('admin.pickAgent')}</option>
            {candidates.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} {a.lineCodes.length ? `(${a.lineCodes.join(', ')})` : ''}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            disabled={!newMember || members.busy}
            onClick={() => void memberAction(() => api.putTeamMember(team.id, newMember, false)).then(() => setNewMember(''))}
          >
            {t('admin.addMember')}
          </button>
        </div>
      )}
      <ErrorNote error={members.error} />
    </div>
  );
}
