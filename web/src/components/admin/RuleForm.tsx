import { useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { PrioritySelect } from '../EnumSelect';
import { CHANNELS, PRIORITIES, TICKET_TYPES, type RoutingRule, type RuleActions, type RuleConditions } from '../../types';

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A comma-separated list that keeps what is typed (trailing commas included) while reporting the parsed list. */
function ListInput({ value, onChange, label, hint, disabled }: { value: string[] | undefined; onChange: (v: string[]) => void; label: string; hint?: string; disabled: boolean }) {
  const [raw, setRaw] = useState((value ?? []).join(', '));
  return (
    <label className="field">
      <span>{label}</span>
      <input
        value={raw}
        disabled={disabled}
        onChange={(e) => {
          setRaw(e.target.value);
          onChange(split(e.target.value));
        }}
      />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

function Chips<T extends string>({ all, value, onChange, label, labelKey, disabled }: { all: readonly T[]; value: T[] | undefined; onChange: (v: T[]) => void; label: string; labelKey: (v: T) => MessageKey; disabled: boolean }) {
  const { t } = useI18n();
  const on = value ?? [];
  return (
    <div className="field">
      <span>{label}</span>
      <div className="filter-row">
        {all.map((x) => (
          <label key={x} className={on.includes(x) ? 'chip on' : 'chip'}>
            <input type="checkbox" checked={on.includes(x)} disabled={disabled} onChange={(e) => onChange(e.target.checked ? [...on, x] : on.filter((y) => y !== x))} />
            {t(labelKey(x))}
          </label>
        ))}
      </div>
    </div>
  );
}

interface Props {
  rule: RoutingRule;
  onChange: (r: RoutingRule) => void;
  lineCodes: string[];
  teamCodes: string[];
  disabled: boolean;
}

/** The form view of one rule: id, name, enabled, conditions (all must hold) and actions. */
export function RuleForm({ rule, onChange, lineCodes, teamCodes, disabled }: Props) {
  const { t } = useI18n();
  const when = (patch: RuleConditions) => onChange({ ...rule, when: { ...rule.when, ...patch } });
  const then = (patch: RuleActions) => onChange({ ...rule, then: { ...rule.then, ...patch } });
  return (
    <div className="rule-form">
      <div className="row">
        <label className="field">
          <span>{t('rules.id')}</span>
          <input value={rule.id} disabled={disabled} onChange={(e) => onChange({ ...rule, id: e.target.value })} pattern="[a-z0-9][a-z0-9\-]{0,63}" />
        </label>
        <label className="field">
          <span>{t('rules.name')}</span>
          <input value={rule.name} disabled={disabled} onChange={(e) => onChange({ ...rule, name: e.target.value })} />
        </label>
      </div>
      <fieldset className="rule-box">
        <legend>{t('rules.when')}</legend>
        <Chips all={TICKET_TYPES} value={rule.when.types} onChange={(v) => when({ types: v })} label={t('rules.c.types')} labelKey={(x) => `type.${x}`} disabled={disabled} />
        <Chips all={PRIORITIES} value={rule.when.priorities} onChange={(v) => when({ priorities: v })} label={t('rules.c.priorities')} labelKey={(x) => `priority.${x}`} disabled={disabled} />
        <Chips all={CHANNELS} value={rule.when.channels} onChange={(v) => when({ channels: v })} label={t('rules.c.channels')} labelKey={(x) => `channel.${x}`} disabled={disabled} />
        <div className="row">
          <ListInput label={t('rules.c.catalogueItemCodes')} hint={t('rules.c.catalogueHint')} value={rule.when.catalogueItemCodes} onChange={(v) => when({ catalogueItemCodes: v })} disabled={disabled} />
          <ListInput label={t('rules.c.regions')} value={rule.when.regions} onChange={(v) => when({ regions: v })} disabled={disabled} />
        </div>
        <div className="row">
          <ListInput label={t('rules.c.text')} hint={t('rules.c.textHint')} value={rule.when.text} onChange={(v) => when({ text: v })} disabled={disabled} />
          <ListInput label={t('rules.c.planCodes')} value={rule.when.planCodes} onChange={(v) => when({ planCodes: v })} disabled={disabled} />
          <ListInput label={t('rules.c.organizationIds')} value={rule.when.organizationIds} onChange={(v) => when({ organizationIds: v })} disabled={disabled} />
        </div>
      </fieldset>
      <fieldset className="rule-box">
        <legend>{t('rules.then')}</legend>
        <div className="row">
          <label className="field">
            <span>{t('field.line')}</span>
            <select value={rule.then.lineCode ?? ''} disabled={disabled} onChange={(e) => then({ lineCode: e.target.value || undefined })}>
              <option value="">—</option>
              {lineCodes.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('field.team')}</span>
            <select value={rule.then.teamCode ?? ''} disabled={disabled} onChange={(e) => then({ teamCode: e.target.value || undefined })}>
              <option value="">—</option>
              {teamCodes.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('field.priority')}</span>
            <PrioritySelect value={rule.then.priority ?? ''} disabled={disabled} onChange={(v) => then({ priority: v || undefined })} empty="—" />
          </label>
          <ListInput label={t('rules.tags')} value={rule.then.tags} onChange={(v) => then({ tags: v })} disabled={disabled} />
        </div>
      </fieldset>
    </div>
  );
}
