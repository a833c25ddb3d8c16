import { useI18n } from '../../i18n';
import { REQUIREMENT_KEYS, type RequirementKey, type TicketPatch } from '../../types';
import { parseResourceIds } from '../../screens/NewRequest';

const REGIONS = ['ru-msk-1', 'ru-msk-2', 'kz-ala-1'] as const;
const PROJECT_ID = /^mcs\d{10}$/;

export interface MissingValues {
  region: string;
  projectId: string;
  resourceIds: string;
}
export const emptyMissing: MissingValues = { region: '', projectId: '', resourceIds: '' };

/** The 422 ESCALATION_INFO_MISSING `details.missing`, keeping only keys we know, in canonical order. */
export function missingFrom(details: unknown): RequirementKey[] {
  const list = typeof details === 'object' && details !== null ? (details as { missing?: unknown }).missing : undefined;
  if (!Array.isArray(list)) return [];
  return REQUIREMENT_KEYS.filter((k) => list.includes(k));
}

/** What of the missing information the agent can put on the request now (the rest needs the customer). */
export function patchFor(missing: RequirementKey[], v: MissingValues): TicketPatch | null {
  const patch: TicketPatch = {};
  if (missing.includes('region') && v.region) patch.region = v.region;
  if (missing.includes('project') && PROJECT_ID.test(v.projectId.trim())) patch.projectId = v.projectId.trim();
  const ids = parseResourceIds(v.resourceIds);
  if (missing.includes('resourceIds') && ids.length) patch.resourceIds = ids;
  return Object.keys(patch).length ? patch : null;
}

/** The list of missing diagnostic information, with inputs for what staff may fill in themselves. */
export function MissingInfo(props: { missing: RequirementKey[]; values: MissingValues; onChange: (v: MissingValues) => void }) {
  const { t } = useI18n();
  const { missing, values } = props;
  const set = (k: keyof MissingValues, value: string) => props.onChange({ ...values, [k]: value });
  const projectInvalid = values.projectId.trim() !== '' && !PROJECT_ID.test(values.projectId.trim());
  return (
    <div className="alert alert-warn missing-info" role="alert" data-testid="escalation-missing">
      <div className="grow">
        <p className="missing-title">{t('lines.missingTitle')}</p>
        <ul className="missing-list">
          {missing.map((k) => (
            <li key={k} data-testid="missing-item" data-key={k}>
              <strong>{t(`lines.missing.${k}`)}</strong>
              {k === 'region' && (
                <select value={values.region} onChange={(e) => set('region', e.target.value)} data-testid="missing-region">
                  <option value="">{t('new.pick')}</option>
                  {REGIONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`region.${r}`)}
                    </option>
                  ))}
                </select>
              )}
              {k === 'project' && (
                <>
                  <input
                    value={values.projectId}
                    className={projectInvalid ? 'invalid' : undefined}
                    placeholder="mcs0123456789"
                    onChange={(e) => set('projectId', e.target.value)}
                    data-testid="missing-project"
                  />
                  {projectInvalid && <span className="field-error">{t('new.projectIdInvalid')}</span>}
                </>
              )}
              {k === 'resourceIds' && (
                <input
                  value={values.resourceIds}
                  className="grow"
                  placeholder={t('new.resourceIdsHint')}
                  onChange={(e) => set('resourceIds', e.target.value)}
                  data-testid="missing-resources"
                />
              )}
              {(k === 'timeWindow' || k === 'errorText') && (
                <span className="hint" data-testid="missing-ask-customer">
                  {t('lines.askCustomer')}
                </span>
              )}
            </li>
          ))}
        </ul>
        {missing.some((k) => k === 'region' || k === 'project' || k === 'resourceIds') && <p className="hint">{t('lines.fillHint')}</p>}
      </div>
    </div>
  );
}
