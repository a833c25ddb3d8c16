import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { useLoad } from '../../../useLoad';
import { slaAdminApi, type SlaService } from '../../../api/sla-admin';
import { ErrorNote } from '../../ErrorNote';
import { SaveError } from './common';

/** Depth of each catalogue item for indentation (parents come before their children in sort order). */
function depths(items: SlaService[]): Map<string, number> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out = new Map<string, number>();
  for (const i of items) {
    let d = 0;
    for (let p = i.parentId; p && d < 10; p = byId.get(p)?.parentId ?? null) d++;
    out.set(i.id, d);
  }
  return out;
}

/** Catalogue items with the "offered without SLA" flag (beta services). */
export function SlaServicesAdmin({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const services = useLoad(() => slaAdminApi.services(), 'sla-services');
  const [error, setError] = useState<unknown>(null);
  const items = services.data?.items ?? [];
  const depth = depths(items);

  async function toggle(s: SlaService, slaExempt: boolean) {
    setError(null);
    try {
      const updated = await slaAdminApi.setServiceExempt(s.id, slaExempt);
      services.setData({ items: items.map((i) => (i.id === updated.id ? updated : i)) });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card" data-testid="sla-services">
      <h2>{t('slaAdmin.services')}</h2>
      <p className="muted small">{t('slaAdmin.servicesHint')}</p>
      <ErrorNote error={services.error} onRetry={services.reload} />
      <SaveError error={error} />
      <ul className="sla-services">
        {items.map((s) => (
          <li key={s.id} style={{ paddingInlineStart: `${(depth.get(s.id) ?? 0) * 1.25}rem` }} data-testid="sla-service" data-code={s.code}>
            <label>
              <input type="checkbox" checked={s.slaExempt} disabled={!canEdit} onChange={(e) => void toggle(s, e.target.checked)} data-testid="sla-service-exempt" />{' '}
              {locale === 'ru' ? s.nameRu : s.nameEn} <span className="muted small mono">{s.code}</span>
              {s.slaExempt && <span className="badge"> {t('slaAdmin.slaExempt')}</span>}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
