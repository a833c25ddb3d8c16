import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { loadDirectory } from '../../session';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/admin/useAction';
import { FieldProblems } from '../../components/knowledge/FieldProblems';
import { PrioritySelect, TypeSelect } from '../../components/EnumSelect';
import { PRIORITIES, STATUSES, TICKET_TYPES } from '../../types';
import { macroApi, type Macro, type MacroActions, type MacroInput } from '../../api/knowledge';

const PLACEHOLDERS = ['{{customer.name}}', '{{ticket.key}}', '{{ticket.subject}}', '{{agent.name}}', '{{org.name}}'];

/** Macros: named canned actions (fields, a templated reply or note, a status), global or for one line or team. */
export function AdminMacros({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const macros = useLoad(() => macroApi.list(true), 'admin-macros');
  const [editing, setEditing] = useState<Macro | 'new' | null>(null);
  return (
    <div className="card" data-testid="admin-macros">
      <ErrorNote error={macros.error} onRetry={macros.reload} />
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('macro.name')}</th>
            <th>{t('macro.scope')}</th>
            <th>{t('macro.actions')}</th>
            <th>{t('admin.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {macros.data?.items.map((m) => (
            <tr key={m.id} data-testid={`macro-row-${m.id}`}>
              <td>
                <strong>{m.name}</strong>
                <div className="muted small">{m.description}</div>
              </td>
              <td>{m.lineId ? t('macro.scopeLine') : m.teamId ? t('macro.scopeTeam') : t('macro.scopeGlobal')}</td>
              <td className="small">{summary(m.actions)}</td>
              <td>{m.active ? '✓' : '—'}</td>
              <td>
                {canEdit && (
                  <button type="button" className="btn btn-small" onClick={() => setEditing(m)}>
                    {t('kb.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && editing === null && (
        <button type="button" className="btn btn-primary" onClick={() => setEditing('new')} data-testid="macro-new">
          {t('macro.new')}
        </button>
      )}
      {canEdit && editing !== null && (
        <MacroEditor
          key={editing === 'new' ? 'new' : editing.id}
          macro={editing === 'new' ? null : editing}
          onDone={() => {
            setEditing(null);
            macros.reload();
          }}
        />
      )}
    </div>
  );
}

function summary(a: MacroActions): string {
  const parts: string[] = [];
  if (a.set?.priority) parts.push(`priority=${a.set.priority}`);
  if (a.set?.type) parts.push(`type=${a.set.type}`);
  if (a.set?.teamId) parts.push('team');
  if (a.set?.tags?.length) parts.push(`+${a.set.tags.join(', ')}`);
  if (a.message) parts.push(a.message.visibility === 'public' ? 'reply' : 'note');
  if (a.status) parts.push(`→ ${a.status}`);
  return parts.join('; ');
}

function MacroEditor({ macro, onDone }: { macro: Macro | null; onDone: () => void }) {
  const { t, locale } = useI18n();
  const directory = useLoad(loadDirectory, 'directory');
  const save = useAction();
  const a = macro?.actions ?? {};
  const [v, setV] = useState({
    name: macro?.name ?? '',
    description: macro?.description ?? '',
    scope: macro?.lineId ? `line:${macro.lineId}` : macro?.teamId ? `team:${macro.teamId}` : '',
    priority: a.set?.priority ?? '',
    type: a.set?.type ?? '',
    teamId: a.set?.teamId ?? '',
    tags: a.set?.tags?.join(', ') ?? '',
    messageVisibility: a.message?.visibility ?? 'public',
    messageBody: a.message?.body ?? '',
    status: a.status ?? '',
    active: macro?.active ?? true,
  });
  const name = (x: { nameEn: string; nameRu: string }) => (locale === 'ru' ? x.nameRu : x.nameEn);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const set: NonNullable<MacroActions['set']> = {};
    if (v.priority) set.priority = v.priority;
    if (v.type) set.type = v.type;
    if (v.teamId) set.teamId = v.teamId;
    const tags = v.tags.split(',').map((s) => s.trim()).filter(Boolean);
    if (tags.length) set.tags = tags;
    const actions: MacroActions = {
      ...(Object.keys(set).length ? { set } : {}),
      ...(v.messageBody.trim() ? { message: { visibility: v.messageVisibility, body: v.messageBody } } : {}),
      ...(v.status ? { status: v.status } : {}),
    };
    const input: MacroInput = {
      name: v.name,
      description: v.description,
      lineId: v.scope.startsWith('line:') ? v.scope.slice(5) : null,
      teamId: v.scope.startsWith('team:') ? v.scope.slice(5) : null,
      actions,
      active: v.active,
    };
    if (await save.run(() => (macro ? macroApi.update(macro.id, input) : macroApi.create(input)))) onDone();
  }

  return (
    <form className="card" onSubmit={submit} data-testid="macro-editor">
      <div className="row">
        <label className="field grow">
          <span>{t('macro.name')}</span>
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} required maxLength={200} data-testid="macro-name" />
        </label>
        <label className="field">
          <span>{t('macro.scope')}</span>
          <select value={v.scope} onChange={(e) => setV({ ...v, scope: e.target.value })}>
            <option value="">{t('macro.scopeGlobal')}</option>
            {directory.data?.lines.map((l) => (
              <option key={l.id} value={`line:${l.id}`}>
                {t('macro.scopeLine')}: {l.code}
              </option>
            ))}
            {directory.data?.teams.map((tm) => (
              <option key={tm.id} value={`team:${tm.id}`}>
                {t('macro.scopeTeam')}: {tm.code}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.active')}</span>
          <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} />
        </label>
      </div>
      <label className="field">
        <span>{t('macro.description')}</span>
        <input value={v.description} onChange={(e) => setV({ ...v, description: e.target.value })} maxLength={2000} />
      </label>
      <div className="row">
        <label className="field">
          <span>{t('field.priority')}</span>
          <PrioritySelect value={PRIORITIES.find((x) => x === v.priority) ?? ''} onChange={(p) => setV({ ...v, priority: p })} empty={t('macro.noChange')} />
        </label>
        <label className="field">
          <span>{t('field.type')}</span>
          <TypeSelect value={TICKET_TYPES.find((x) => x === v.type) ?? ''} onChange={(x) => setV({ ...v, type: x })} empty={t('macro.noChange')} />
        </label>
        <label className="field">
          <span>{t('macro.team')}</span>
          <select value={v.teamId} onChange={(e) => setV({ ...v, teamId: e.target.value })}>
            <option value="">{t('macro.noChange')}</option>
            {directory.data?.teams.map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.code} — {name(tm)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('macro.tags')}</span>
          <input value={v.tags} onChange={(e) => setV({ ...v, tags: e.target.value })} placeholder="diag, vm" />
        </label>
        <label className="field">
          <span>{t('macro.status')}</span>
          <select value={v.status} onChange={(e) => setV({ ...v, status: e.target.value })}>
            <option value="">{t('macro.noChange')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label className="field">
          <span>{t('macro.message')}</span>
          <select value={v.messageVisibility} onChange={(e) => setV({ ...v, messageVisibility: e.target.value as 'public' | 'internal' })}>
            <option value="public">{t('ticket.publicReply')}</option>
            <option value="internal">{t('ticket.internalNote')}</option>
          </select>
        </label>
      </div>
      <textarea rows={5} value={v.messageBody} onChange={(e) => setV({ ...v, messageBody: e.target.value })} data-testid="macro-body" />
      <p className="muted small">
        {t('macro.placeholders')} <span className="mono">{PLACEHOLDERS.join(' ')}</span>
      </p>
      <FieldProblems error={save.error} />
      <ErrorNote error={save.error} />
      <div className="actions">
        {macro && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (window.confirm(t('macro.confirmDelete'))) void save.run(() => macroApi.remove(macro.id)).then((ok) => ok && onDone());
            }}
          >
            {t('kb.delete')}
          </button>
        )}
        <button type="button" className="btn" onClick={onDone}>
          {t('macro.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="macro-save">
          {t('kb.save')}
        </button>
      </div>
    </form>
  );
}
