import { useI18n } from '../i18n';
import { ACTIVE_STATUSES, PRIORITIES, STATUSES, TICKET_TYPES, type Directory, type Priority, type Status, type TicketFilters, type TicketType } from '../types';

export const DEFAULT_FILTERS: TicketFilters = { status: [...ACTIVE_STATUSES] };

/** The queue's filter bar. Empty values mean "any". */
export function QueueFilters(props: { value: TicketFilters; onChange: (f: TicketFilters) => void; directory: Directory | null }) {
  const { t, locale } = useI18n();
  const f = props.value;
  const dir = props.directory;
  const set = (patch: Partial<TicketFilters>) => {
    const next: TicketFilters = { ...f, ...patch };
    for (const k of Object.keys(next) as Array<keyof TicketFilters>) if (next[k] === '' || next[k] === undefined) delete next[k];
    props.onChange(next);
  };
  const statuses = new Set(f.status ?? []);
  const toggleStatus = (s: Status) => {
    const next = new Set(statuses);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    set({ status: STATUSES.filter((x) => next.has(x)) });
  };
  const teams = dir?.teams.filter((tm) => !f.lineId || tm.lineId === f.lineId) ?? [];

  return (
    <div className="filters card" data-testid="queue-filters">
      <div className="filter-statuses" data-testid="filter-status">
        <span className="filter-label">{t('field.status')}</span>
        {STATUSES.map((s) => (
          <label key={s} className={statuses.has(s) ? 'chip on' : 'chip'}>
            <input type="checkbox" checked={statuses.has(s)} onChange={() => toggleStatus(s)} data-testid={`filter-status-${s}`} />
            {t(`status.${s}`)}
          </label>
        ))}
        <button type="button" className="btn btn-small" onClick={() => set({ status: [...ACTIVE_STATUSES] })} data-testid="filter-status-active">
          {t('queue.active')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => set({ status: [] })} data-testid="filter-status-all">
          {t('queue.all')}
        </button>
      </div>
      <div className="filter-row">
        <Select
          label={t('field.line')}
          value={f.lineId}
          testId="filter-line"
          onChange={(v) => set({ lineId: v, teamId: undefined })}
          options={(dir?.lines ?? []).map((l) => [l.id, `${l.code} · ${locale === 'ru' ? l.nameRu : l.nameEn}`])}
        />
        <Select
          label={t('field.team')}
          value={f.teamId}
          testId="filter-team"
          onChange={(v) => set({ teamId: v })}
          options={teams.map((tm) => [tm.id, locale === 'ru' ? tm.nameRu : tm.nameEn])}
        />
        <Select
          label={t('field.assignee')}
          value={f.assigneeId}
          testId="filter-assignee"
          onChange={(v) => set({ assigneeId: v })}
          options={[['me', t('queue.me')], ['none', t('queue.unassigned')], ...(dir?.agents ?? []).map((a): [string, string] => [a.id, a.name])]}
        />
        <Select
          label={t('field.priority')}
          value={f.priority}
          testId="filter-priority"
          onChange={(v) => set({ priority: v as Priority | undefined })}
          options={PRIORITIES.map((p) => [p, t(`priority.${p}`)])}
        />
        <Select
          label={t('field.type')}
          value={f.type}
          testId="filter-type"
          onChange={(v) => set({ type: v as TicketType | undefined })}
          options={TICKET_TYPES.map((ty) => [ty, t(`type.${ty}`)])}
        />
        <Select
          label={t('field.organization')}
          value={f.organizationId}
          testId="filter-organization"
          onChange={(v) => set({ organizationId: v })}
          options={(dir?.organizations ?? []).map((o) => [o.id, o.name])}
        />
        <button type="button" className="btn btn-small reset" onClick={() => props.onChange({ ...DEFAULT_FILTERS })} data-testid="filter-reset">
          {t('queue.reset')}
        </button>
      </div>
    </div>
  );
}

function Select(props: {
  label: string;
  value: string | undefined;
  options: Array<[string, string]>;
  onChange: (v: string | undefined) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label className="field inline">
      <span>{props.label}</span>
      <select value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)} data-testid={props.testId}>
        <option value="">{t('queue.any')}</option>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}
