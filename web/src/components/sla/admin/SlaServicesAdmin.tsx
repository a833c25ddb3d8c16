import { useState } from 'react';
import { useI18n } from '../../../i18n';
import { useLoad } from '../../../useLoad';
import { slaAdminApi, type SlaService } from '../../../api/sla-admin';
import { ErrorNote } from '../../ErrorNote';
import { SaveError } from './common';

/** The items in tree order (each parent followed by its children) with their depth, for indentation. */
function treeOrder(items: SlaService[]): Array<{ item: SlaService; depth: number }> {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, SlaService[]>();
  for (const i of items) {
    const parent = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), i]);
  }
  const out: Array<{ item: SlaService; depth: number }> = [];
  const walk = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      out.push({ item, depth });
      if (depth < 10) walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Catalogue items with the "offered without SLA" flag (beta services). */
export function SlaServicesAdmin({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const services = useLoad(() => slaAdminApi.services(), 'sla-services');
  const [error, setError] = useState<unknown>(null);
  const items = services.data?.items ?? [];

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
      <ul className="sla-services" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
        {treeOrder(items).map(({ item: s, depth }) => (
          <li key={s.id} style={{ paddingInlineStart: `${depth * 1.25}rem` }} data-testid="sla-service" data-code={s.code}>
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
