import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../../components/ErrorNote';
import { RuleEditor } from '../../components/admin/RuleEditor';
import { DryRunPanel } from '../../components/admin/DryRunPanel';
import { cleanRule } from '../../components/admin/ruleJson';
import { useAction } from '../../components/admin/useAction';
import type { DryRunResult, RoutingRule, RuleSetView } from '../../types';

/** The ordered routing rules: edit, reorder, save as a new version; the versions list; the dry run. */
export function AdminRouting({ canEdit }: { canEdit: boolean }) {
  const { t, dt } = useI18n();
  const current = useLoad(() => api.routingRules(), 'routing-rules');
  const versions = useLoad(() => api.routingVersions(), 'routing-versions');
  const lines = useLoad(() => api.lines(), 'routing-lines');
  const teams = useLoad(() => api.teams(), 'routing-teams');
  const [base, setBase] = useState<RuleSetView | null>(null);
  const [draft, setDraft] = useState<RoutingRule[]>([]);
  const [invalid, setInvalid] = useState<Record<number, string[]>>({});
  const [comment, setComment] = useState('');
  const [gen, setGen] = useState(0);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const save = useAction();
  const load = useAction();

  function adopt(set: RuleSetView) {
    setBase(set);
    setDraft(set.rules);
    setInvalid({});
    setGen((n) => n + 1);
  }
  useEffect(() => {
    if (current.data) adopt(current.data);
  }, [current.data]);

  const cleaned = draft.map(cleanRule);
  const dirty = base !== null && JSON.stringify(cleaned) !== JSON.stringify(base.rules.map(cleanRule));
  const ids = draft.map((r) => r.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  const blocked = Object.keys(invalid).length > 0 || duplicate !== undefined;

  const update = (i: number, r: RoutingRule) => setDraft((d) => d.map((x, j) => (j === i ? r : x)));
  function move(i: number, delta: -1 | 1) {
    setDraft((d) => {
      const next = [...d];
      const [r] = next.splice(i, 1);
      if (r) next.splice(i + delta, 0, r);
      return next;
    });
    setGen((n) => n + 1);
  }
  function remove(i: number) {
    setDraft((d) => d.filter((_, j) => j !== i));
    setInvalid({});
    setGen((n) => n + 1);
  }
  function add() {
    let n = draft.length + 1;
    while (ids.includes(`rule-${n}`)) n++;
    setDraft((d) => [...d, { id: `rule-${n}`, name: t('rules.newRule'), when: {}, then: { lineCode: 'L1' } }]);
  }
  async function submit() {
    await save.run(async () => {
      const saved = await api.saveRoutingRules(cleaned, comment.trim() || undefined);
      adopt(saved);
      setComment('');
      versions.reload();
    });
  }
  async function openVersion(v: number) {
    await load.run(async () => {
      const set = await api.routingVersion(v);
      setDraft(set.rules);
      setInvalid({});
      setGen((n) => n + 1);
    });
  }

  const matchedId = dry?.matchedRule?.id ?? null;
  return (
    <div className="routing-grid" data-testid="admin-routing">
      <section>
        <ErrorNote error={current.error ?? lines.error ?? teams.error} onRetry={current.reload} />
        {base && (
          <p className="muted small" data-testid="routing-version">
            {t('rules.inForce', { v: base.version, n: base.ruleCount, who: base.author?.name ?? t('rules.system'), at: dt(base.createdAt) })}
          </p>
        )}
        <p className="hint">{t('rules.help')}</p>
        <ol className="rule-list" data-testid="rule-list">
          {draft.map((r, i) => (
            <RuleEditor
              key={`${gen}-${i}`}
              rule={r}
              index={i}
              count={draft.length}
              canEdit={canEdit}
              lineCodes={(lines.data?.items ?? []).map((l) => l.code)}
              teamCodes={(teams.data?.items ?? []).map((x) => x.code)}
              highlight={matchedId === r.id ? 'matched' : null}
              onChange={(x) => update(i, x)}
              onMove={(d) => move(i, d)}
              onDelete={() => remove(i)}
              onInvalid={(errs) =>
                setInvalid((old) => {
                  const next = { ...old };
                  if (errs) next[i] = errs;
                  else delete next[i];
                  return next;
                })
              }
            />
          ))}
        </ol>
        {canEdit && (
          <div className="card rule-save">
            <div className="actions">
              <button type="button" className="btn" onClick={add} data-testid="rule-add">
                {t('rules.add')}
              </button>
              <span className="spacer" />
              {dirty && <span className="badge status-pending_customer">{t('rules.unsaved')}</span>}
              {duplicate && <span className="field-error">{t('rules.duplicateId', { id: duplicate })}</span>}
              {Object.keys(invalid).length > 0 && <span className="field-error">{t('rules.fixJson')}</span>}
            </div>
            <div className="actions">
              <input className="grow" value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('rules.comment')} maxLength={2000} data-testid="rule-comment" />
              <button type="button" className="btn" disabled={!dirty || save.busy} onClick={() => base && adopt(base)}>
                {t('rules.discard')}
              </button>
              <button type="button" className="btn btn-primary" disabled={!dirty || blocked || save.busy} onClick={() => void submit()} data-testid="rule-save">
                {t('rules.saveVersion')}
              </button>
            </div>
            {save.done && !dirty && <p className="ok-note small">{t('rules.saved')}</p>}
            <ErrorNote error={save.error} />
          </div>
        )}
        <section className="card" data-testid="routing-versions">
          <h2>{t('rules.versions')}</h2>
          <ErrorNote error={versions.error ?? load.error} onRetry={versions.reload} />
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('field.version')}</th>
                <th>{t('rules.author')}</th>
                <th>{t('field.updated')}</th>
                <th>{t('rules.count')}</th>
                <th>{t('rules.commentCol')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.data?.items.map((v) => (
                <tr key={v.version} data-testid={`routing-version-${v.version}`}>
                  <td>{v.version}</td>
                  <td>{v.author?.name ?? t('rules.system')}</td>
                  <td className="nowrap">{dt(v.createdAt)}</td>
                  <td>{v.ruleCount}</td>
                  <td>{v.comment}</td>
                  <td>
                    <button type="button" className="btn btn-small" disabled={load.busy} onClick={() => void openVersion(v.version)}>
                      {canEdit ? t('rules.loadVersion') : t('rules.viewVersion')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </section>
      <DryRunPanel draft={dirty ? cleaned : null} onResult={setDry} />
    </div>
  );
}
