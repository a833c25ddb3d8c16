import { useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { classifierApi, type ClassifierSuggestion, type ClassifierTarget, type OverrideValues } from '../../api/classifier';
import { isMessageKey, useI18n, type MessageKey } from '../../i18n';
import { useLoad } from '../../useLoad';
import { loadCatalogue, loadDirectory } from '../../session';
import { PRIORITIES, TICKET_TYPES, type Ticket } from '../../types';
import { ErrorNote } from '../ErrorNote';

type Option = { value: string; label: string };

/**
 * The classifier's suggestion on the agent's request page: per target the suggested value with its
 * confidence and why (the terms, or the rule), what is set now, and one click to accept it or to
 * override it with the right value (which also trains the next model).
 */
export function SuggestionPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const state = useLoad(() => classifierApi.get(ticket.key), `${ticket.key}|${ticket.version}`);
  const catalogue = useLoad(loadCatalogue, 'catalogue');
  const directory = useLoad(loadDirectory, 'directory');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const c = state.data;

  // A request without a suggestion (classified before the classifier existed) shows nothing.
  if (state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 403)) return null;
  if (!c || c.suggestions.length === 0) {
    return state.error ? <ErrorNote error={state.error} onRetry={state.reload} /> : null;
  }

  const options = (target: ClassifierTarget): Option[] => {
    switch (target) {
      case 'type':
        return TICKET_TYPES.map((v) => ({ value: v, label: msg(t, `type.${v}`, v) }));
      case 'priority':
        return PRIORITIES.map((v) => ({ value: v, label: msg(t, `priority.${v}`, v) }));
      case 'catalogue':
        return (catalogue.data ?? []).filter((i) => i.kind === 'service').map((i) => ({ value: i.code, label: nameOf(i.nameEn, i.nameRu) }));
      case 'line':
        return (directory.data?.lines ?? []).map((l) => ({ value: l.code, label: `${l.code} — ${nameOf(l.nameEn, l.nameRu)}` }));
    }
  };
  function nameOf(en: string, ru: string) {
    return locale === 'ru' ? ru : en;
  }
  const display = (target: ClassifierTarget, value: string | null): string => {
    if (value === null || value === '') return '—';
    const named = c?.suggestions.find((x) => x.target === target && x.label === value)?.labelName;
    return options(target).find((o) => o.value === value)?.label ?? (named ? nameOf(named.en, named.ru) : value);
  };

  async function act(fn: (version: number) => Promise<unknown>) {
    if (!c) return;
    setBusy(true);
    setError(null);
    try {
      await fn(c.ticketVersion);
      onChanged();
      state.reload();
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        onChanged();
        state.reload();
      }
    } finally {
      setBusy(false);
    }
  }

  const open = c.suggestions.filter((s) => s.target !== 'line' && !s.matches && s.label !== '' && s.confidence > 0);
  return (
    <section className="card classifier-panel" data-testid="classifier-panel" aria-busy={state.loading || busy}>
      <div className="sla-head" style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <h2 style={{ margin: 0 }}>{t('classifier.title')}</h2>
        {c.modelVersion !== null && (
          <span className="muted small" data-testid="classifier-model">
            {t('classifier.model', { version: c.modelVersion, threshold: Math.round(c.threshold * 100) })}
          </span>
        )}
        {c.pending && <span className="badge badge-internal" data-testid="classifier-pending">{t('classifier.pending')}</span>}
        {open.length > 0 && (
          <button
            type="button"
            className="btn btn-primary btn-small"
            style={{ marginLeft: 'auto' }}
            disabled={busy}
            data-testid="classifier-accept-all"
            onClick={() => void act((v) => classifierApi.accept(ticket.key, v))}
          >
            {t('classifier.acceptAll')}
          </button>
        )}
      </div>
      {error instanceof ApiError && error.code === 'VERSION_CONFLICT' ? (
        <p className="alert alert-warn" role="status">{t('classifier.conflict')}</p>
      ) : (
        <ErrorNote error={error} />
      )}
      <div>
        {c.suggestions.map((s) => (
          <SuggestionRow
            key={s.target}
            s={s}
            options={options(s.target)}
            display={(v) => display(s.target, v)}
            busy={busy}
            onAccept={() => void act((v) => classifierApi.accept(ticket.key, v, [s.target]))}
            onOverride={(value) => void act((v) => classifierApi.override(ticket.key, v, overrideOf(s.target, value)))}
          />
        ))}
      </div>
      <p className="muted small" style={{ margin: '4px 0 0' }}>{t('classifier.overrideHint')}</p>
    </section>
  );
}

function overrideOf(target: ClassifierTarget, value: string): OverrideValues {
  switch (target) {
    case 'type':
      return { type: value as OverrideValues['type'] };
    case 'priority':
      return { priority: value as OverrideValues['priority'] };
    case 'catalogue':
      return { catalogueItemCode: value };
    case 'line':
      return { lineCode: value };
  }
}

/** Placeholders the tokenizer puts for IPs, UUIDs, codes… read as ‹ip›, ‹uuid›. */
function readableTerm(term: string): string {
  return term.replace(/__([a-z0-9]+)__/gi, '‹$1›');
}

function msg(t: (k: MessageKey, vars?: Record<string, string | number>) => string, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

function SuggestionRow({
  s,
  options,
  display,
  busy,
  onAccept,
  onOverride,
}: {
  s: ClassifierSuggestion;
  options: Option[];
  display: (value: string | null) => string;
  busy: boolean;
  onAccept: () => void;
  onOverride: (value: string) => void;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState(s.current ?? s.label);
  useEffect(() => setChoice(s.current ?? s.label), [s.current, s.label]);
  const pct = Math.round(s.confidence * 100);
  const status = s.applied ? 'classifier.applied' : s.decision === 'accepted' ? 'classifier.accepted' : s.decision === 'overridden' ? 'classifier.overridden' : s.matches ? 'classifier.matches' : null;
  const ruleKey = s.rule ? `classifier.rule.${s.rule}` : null;
  return (
    <div
      className="classifier-row"
      data-testid="classifier-row"
      data-target={s.target}
      data-label={s.label}
      style={{ display: 'grid', gridTemplateColumns: 'minmax(80px, 110px) 1fr', gap: '2px 10px', padding: '6px 0', borderTop: '1px solid var(--line)' }}
    >
      <strong>{t(`classifier.target.${s.target}` as MessageKey)}</strong>
      <div>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <span data-testid="classifier-value">{display(s.label)}</span>
          <span className="muted small" title={`${pct} %`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <span aria-hidden="true" style={{ display: 'inline-block', width: 48, height: 5, borderRadius: 3, background: 'var(--line)', overflow: 'hidden' }}>
              <span style={{ display: 'block', height: '100%', width: `${pct}%`, background: pct >= 85 ? '#2e7d32' : pct >= 50 ? '#d9a441' : '#b3261e' }} />
            </span>
            <span data-testid="classifier-confidence">{t('classifier.confidence', { pct })}</span>
          </span>
          {status && <span className="badge" data-testid="classifier-status">{t(status)}</span>}
          {!s.matches && s.current !== null && <span className="muted small">{t('classifier.now', { value: display(s.current) })}</span>}
        </div>
        <div className="muted small" data-testid="classifier-why">
          {s.rule && <span>{t('classifier.rule', { rule: ruleKey && isMessageKey(ruleKey) ? t(ruleKey) : s.rule })} </span>}
          {s.explanation.length > 0 && (
            <span>
              {t('classifier.because')}: {s.explanation.map((e) => readableTerm(e.term)).join(', ')}
            </span>
          )}
        </div>
        <div className="actions" style={{ marginTop: 2 }}>
          {s.target !== 'line' && !s.matches && s.confidence > 0 && (
            <button type="button" className="btn btn-small" disabled={busy} onClick={onAccept} data-testid="classifier-accept">
              {t('classifier.accept')}
            </button>
          )}
          <select value={choice} onChange={(e) => setChoice(e.target.value)} disabled={busy || options.length === 0} aria-label={t(`classifier.target.${s.target}` as MessageKey)} data-testid="classifier-choice">
            {!options.some((o) => o.value === choice) && <option value={choice}>{display(choice)}</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" disabled={busy || choice === ''} onClick={() => onOverride(choice)} data-testid="classifier-override">
            {t('classifier.override')}
          </button>
          {s.target === 'line' && <span className="muted small">{t('classifier.lineNote')}</span>}
        </div>
      </div>
    </div>
  );
}
