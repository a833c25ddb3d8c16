import { useI18n } from '../i18n';
import { loadDirectory } from '../session';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';

export interface Caller {
  organizationId: string;
  requesterId: string;
}

/**
 * For a request an agent takes by phone: whose organisation and which person called. The organisation's
 * projects are offered as one-click picks for the form's project ID (the caller rarely knows it by heart).
 */
export function PhoneCaller({ value, onChange, onPickProject }: { value: Caller; onChange: (c: Caller) => void; onPickProject?: (projectId: string) => void }) {
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
      {org && onPickProject && (org.projectIds?.length ?? 0) > 0 && (
        <div className="field" data-testid="caller-projects">
          <span>{t('form.callerProjects')}</span>
          <span className="row tight">
            {(org.projectIds ?? []).map((p) => (
              <button key={p} type="button" className="btn btn-small mono" onClick={() => onPickProject(p)} data-testid="caller-project">
                {p}
              </button>
            ))}
          </span>
        </div>
      )}
    </div>
  );
}
