import { useState } from 'react';
import { useI18n } from '../../i18n';
import { RuleForm } from './RuleForm';
import { cleanRule, parseRuleJson } from './ruleJson';
import type { RoutingRule } from '../../types';

interface Props {
  rule: RoutingRule;
  index: number;
  count: number;
  canEdit: boolean;
  lineCodes: string[];
  teamCodes: string[];
  highlight: 'matched' | null;
  onChange: (r: RoutingRule) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  /** null when the rule is valid, else the JSON problems (saving is blocked until fixed) */
  onInvalid: (errors: string[] | null) => void;
}

/** One rule of the ordered list: summary, move up/down, delete, and editing as a form or as validated JSON. */
export function RuleEditor({ rule, index, count, canEdit, lineCodes, teamCodes, highlight, onChange, onMove, onDelete, onInvalid }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [json, setJson] = useState('');
  const [errors, setErrors] = useState<string[] | null>(null);
  const enabled = rule.enabled !== false;

  function showJson() {
    setJson(JSON.stringify(cleanRule(rule), null, 2));
    setErrors(null);
    setMode('json');
  }
  function editJson(text: string) {
    setJson(text);
    const res = parseRuleJson(text);
    if (res.ok) {
      setErrors(null);
      onInvalid(null);
      onChange(res.rule);
    } else {
      setErrors(res.errors);
      onInvalid(res.errors);
    }
  }
  const summary = [
    Object.entries(rule.when)
      .filter(([, v]) => Array.isArray(v) && v.length)
      .map(([k, v]) => `${k}: ${(v as string[]).join('|')}`)
      .join(' ∧ ') || t('rules.always'),
    '→',
    [rule.then.teamCode, rule.then.lineCode, rule.then.priority, rule.then.tags?.map((x) => `#${x}`).join(' ')].filter(Boolean).join(' '),
  ].join(' ');

  return (
    <li className={`rule card${highlight ? ' rule-matched' : ''}${enabled ? '' : ' rule-disabled'}`} data-testid={`rule-${rule.id}`} data-index={index}>
      <div className="rule-head">
        <span className="rule-index">{index + 1}</span>
        <button type="button" className="linklike rule-title" onClick={() => setOpen(!open)} aria-expanded={open}>
          <strong>{rule.name || t('rules.untitled')}</strong> <code>{rule.id}</code>
        </button>
        {!enabled && <span className="badge">{t('rules.disabled')}</span>}
        {highlight && <span className="badge status-resolved">{t('dry.matched')}</span>}
        <span className="muted small rule-summary" title={summary}>
          {summary}
        </span>
        {canEdit && (
          <span className="rule-buttons">
            <label className="field inline small">
              <input type="checkbox" checked={enabled} onChange={(e) => onChange({ ...rule, enabled: e.target.checked ? undefined : false })} />
              <span>{t('rules.enabled')}</span>
            </label>
            <button type="button" className="btn btn-small" disabled={index === 0} onClick={() => onMove(-1)} title={t('rules.up')} aria-label={t('rules.up')} data-testid={`rule-${rule.id}-up`}>
              ↑
            </button>
            <button type="button" className="btn btn-small" disabled={index === count - 1} onClick={() => onMove(1)} title={t('rules.down')} aria-label={t('rules.down')} data-testid={`rule-${rule.id}-down`}>
              ↓
            </button>
            <button type="button" className="btn btn-small" onClick={onDelete}>
              {t('admin.remove')}
            </button>
          </span>
        )}
      </div>
      {open && (
        <div className="rule-body">
          <div className="segmented">
            <button type="button" className={mode === 'form' ? 'seg active' : 'seg'} disabled={errors !== null} onClick={() => setMode('form')}>
              {t('rules.asForm')}
            </button>
            <button type="button" className={mode === 'json' ? 'seg active' : 'seg'} onClick={showJson} data-testid={`rule-${rule.id}-json`}>
              JSON
            </button>
          </div>
          {mode === 'form' ? (
            <RuleForm rule={rule} onChange={onChange} lineCodes={lineCodes} teamCodes={teamCodes} disabled={!canEdit} />
          ) : (
            <>
              <textarea className="mono rule-json" rows={12} value={json} readOnly={!canEdit} onChange={(e) => editJson(e.target.value)} spellCheck={false} aria-invalid={errors !== null} />
              {errors && (
                <ul className="field-error" data-testid="rule-json-errors">
                  {errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </li>
  );
}
