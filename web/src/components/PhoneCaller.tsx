import { useI18n } from '../i18n';
import { loadDirectory } from '../session';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

export interface Caller {
  organizationId: string;
  requesterId: string;
}

/** For a request an agent takes by phone: whose organisation and which person called. */
export function PhoneCaller({ value, onChange }: { value: Caller; onChange: (c: Caller) => void }) {
  const { t } = useI18n();
  const directory = useLoad(loadDirectory, 'directory');
  const orgs = directory.data?.organizations ?? [];
  const org = orgs.find((o) => o.id === value.organizationId);
  return (
    <div className="row" data-testid="phone-caller">
      <ErrorNote error={directory.error} onRetry={directory.reload} />
      <label className="field">
        <span>
          {t('field.organization')} <em className="req">*</em>
        </span>
        <select
          value={value.organizationId}
          onChange={(e) => onChange({ organizationId: e.target.value, requesterId: '' })}
          data-testid="new-organization"
        >
          <option value="">{t('new.pick')}</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>
          {t('field.requester')} <em className="req">*</em>
        </span>
        <select
          value={value.requesterId}
          disabled={!org}
          onChange={(e) => onChange({ ...value, requesterId: e.target.value })}
          data-testid="new-requester"
        >
          <option value="">{t('new.pick')}</option>
          {(org?.users ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
              {u.email ? ` <${u.email}>` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
