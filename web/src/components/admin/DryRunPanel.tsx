import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { isMessageKey, useI18n } from '../../i18n';
import { loadCatalogue } from '../../session';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../ErrorNote';
import { cataloguePath } from '../CataloguePicker';
import { useAction } from './useAction';
import { PrioritySelect, TypeSelect } from '../EnumSelect';
import { CHANNELS, type Channel, type DryRunInput, type DryRunResult, type Priority, type RoutingRule, type TicketType } from '../../types';

const show = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') || '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface Props {
  /** the unsaved draft, when it differs from the rule set in force */
  draft: RoutingRule[] | null;
  onResult: (r: DryRunResult | null) => void;
}

/** Which rule routes a request (an existing one by key, or a draft request) and why, rule by rule. */
export function DryRunPanel({ draft, onResult }: Props) {
  const { t, locale } = useI18n();
  const catalogue = useLoad(loadCatalogue, 'catalogue');
  const [source, setSource] = useState<'draft' | 'key'>('draft');
  const [key, setKey] = useState('');
  const [type, setType] = useState<TicketType>('question');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [channel, setChannel] = useState<Channel | ''>('');
  const [catalogueItemId, setCatalogueItemId] = useState('');
  const [region, setRegion] = useState('');
  const [text, setText] = useState('');
  const [useDraft, setUseDraft] = useState(true);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const run = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: DryRunInput =
      source === 'key'
        ? { key: key.trim() }
        : {
            request: {
              type,
              ...(priority ? { priority } : {}),
              ...(channel ? { channel } : {}),
              ...(catalogueItemId ? { catalogueItemId } : {}),
              ...(region.trim() ? { region: region.trim() } : {}),
              ...(text.trim() ? { subject: text.trim().split('\n')[0]?.slice(0, 300), description: text.trim() } : {}),
            },
          };
    if (draft && useDraft) input.rules = draft;
    await run.run(async () => {
      const r = await api.dryRun(input);
      setResult(r);
      onResult(r);
    });
  }

  return (
    <section className="card dry-run" data-testid="dry-run">
      <h2>{t('dry.title')}</h2>
      <form onSubmit={submit}>
        <div className="segmented">
          <button type="button" className={source === 'draft' ? 'seg active' : 'seg'} onClick={() => setSource('draft')} data-testid="dry-source-request">
            {t('dry.byRequest')}
          </button>
          <button type="button" className={source === 'key' ? 'seg active' : 'seg'} onClick={() => setSource('key')} data-testid="dry-source-key">
            {t('dry.byKey')}
          </button>
        </div>
        {source === 'key' ? (
          <label className="field">
            <span>{t('field.key')}</span>
            <input value={key} onChange={(e) => setKey(e.target.value)} placeholder="SUP-1001" required data-testid="dry-key" />
          </label>
        ) : (
          <>
            <div className="row">
              <label className="field">
                <span>{t('field.type')}</span>
                <TypeSelect value={type} onChange={(v) => setType(v || 'question')} testId="dry-type" />
              </label>
              <label className="field">
                <span>{t('field.priority')}</span>
                <PrioritySelect value={priority} onChange={setPriority} empty="—" testId="dry-priority" />
              </label>
              <label className="field">
                <span>{t('field.channel')}</span>
                <select value={channel} onChange={(e) => setChannel(CHANNELS.find((x) => x === e.target.value) ?? '')} data-testid="dry-channel">
                  <option value="">—</option>
                  {CHANNELS.map((x) => (
                    <option key={x} value={x}>
                      {t(`channel.${x}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('field.region')}</span>
                <input value={region} onChange={(e) => setRegion(e.target.value)} placeholder="ru-msk-1" data-testid="dry-region" />
              </label>
            </div>
            <label className="field">
              <span>{t('field.catalogueItem')}</span>
              <select value={catalogueItemId} onChange={(e) => setCatalogueItemId(e.target.value)} data-testid="dry-catalogue">
                <option value="">—</option>
                {(catalogue.data ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {cataloguePath(catalogue.data ?? [], c.id, locale)} ({c.code})
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('dry.text')}</span>
              <textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} data-testid="dry-text" />
            </label>
          </>
        )}
        <div className="actions">
          {draft && (
            <label className="field inline">
              <input type="checkbox" checked={useDraft} onChange={(e) => setUseDraft(e.target.checked)} data-testid="dry-use-draft" />
              <span>{t('dry.useDraft')}</span>
            </label>
          )}
          <span className="spacer" />
          <button type="submit" className="btn btn-primary" disabled={run.busy} data-testid="dry-run-submit">
            {run.busy ? t('list.loading') : t('dry.run')}
          </button>
        </div>
      </form>
      <ErrorNote error={run.error} />
      {result && <DryRunOutcome result={result} />}
    </section>
  );
}

function DryRunOutcome({ result }: { result: DryRunResult }) {
  const { t } = useI18n();
  /** A condition's name in the reader's language; a condition this build doesn't know shows its key. */
  const conditionName = (c: string) => {
    const key = `dry.cond.${c}`;
    return isMessageKey(key) ? t(key) : c;
  };
  const d = result.decision;
  return (
    <div className="dry-result" data-testid="dry-result">
      <p className={result.matchedRule ? 'alert alert-ok' : 'alert alert-warn'} data-testid="dry-matched" data-rule={result.matchedRule?.id ?? ''}>
        {result.matchedRule
          ? t('dry.matchedRule', { n: result.matchedRule.index + 1, name: result.matchedRule.name, id: result.matchedRule.id })
          : t('dry.noRule')}
      </p>
      <dl className="dry-decision">
        <dt>{t('field.line')}</dt>
        <dd data-testid="dry-line">{d.line?.code ?? '—'}</dd>
        <dt>{t('field.team')}</dt>
        <dd data-testid="dry-team">{d.team?.code ?? '—'}</dd>
        <dt>{t('field.priority')}</dt>
        <dd>{d.priority ? t(`priority.${d.priority}`) : '—'}</dd>
        <dt>{t('rules.tags')}</dt>
        <dd>{show(d.tags)}</dd>
        <dt>{t('dry.source')}</dt>
        <dd>{t(`dry.source.${d.source}`)}</dd>
        <dt>{t('dry.version')}</dt>
        <dd>{result.ruleSetVersion ?? t('dry.draft')}</dd>
      </dl>
      <table className="table compact dry-table" data-testid="dry-explanation">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('rules.name')}</th>
            <th>{t('dry.outcome')}</th>
            <th>{t('dry.checks')}</th>
          </tr>
        </thead>
        <tbody>
          {result.explanation.map((r) => (
            <tr key={r.ruleId} className={r.matched ? 'dry-hit' : ''} data-testid={`dry-rule-${r.ruleId}`} data-matched={r.matched}>
              <td>{r.index + 1}</td>
              <td>
                {r.name} <code className="muted">{r.ruleId}</code>
              </td>
              <td className={r.matched ? 'ok-note' : 'muted'}>
                {!r.enabled
                  ? t('rules.disabled')
                  : r.matched
                    ? t('dry.whyMatched')
                    : r.checks.every((c) => c.ok)
                      ? t('dry.whyEarlier')
                      : t('dry.whyFailed', { list: r.checks.filter((c) => !c.ok).map((c) => conditionName(c.condition)).join(', ') })}
              </td>
              <td>
                {r.checks.length === 0 ? (
                  <span className="muted">{t('rules.always')}</span>
                ) : (
                  <ul className="dry-checks">
                    {r.checks.map((c) => (
                      <li key={c.condition} className={c.ok ? 'check-ok' : 'check-fail'}>
                        {c.ok ? '✓' : '✗'} <strong title={c.condition}>{conditionName(c.condition)}</strong>: {t('dry.expected')} {show(c.expected)}; {t('dry.actual')} {show(c.actual)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
