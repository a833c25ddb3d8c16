import { useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { loadDirectory } from '../../session';
import { PRIORITIES, TICKET_TYPES } from '../../types';
import { catalogueApi, type AdminItem, type CatalogueKind, type ItemInput } from '../../api/catalogue';
import { ErrorNote } from '../../components/ErrorNote';
import { FormEditor } from '../../components/catalogue/FormEditor';
import { PrioritySelect, TypeSelect } from '../../components/EnumSelect';

const KINDS: readonly CatalogueKind[] = ['service_type', 'category', 'group', 'service'];
const childKind = (k: CatalogueKind): CatalogueKind | null => KINDS[KINDS.indexOf(k) + 1] ?? null;

type Draft = ItemInput & { code: string; kind: CatalogueKind };

/** Admin: the catalogue tree (inactive items too), item editing, and each service's versioned form. */
export function AdminCatalogue({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const items = useLoad(() => catalogueApi.adminItems().then((r) => r.items), 'admin-catalogue');
  const directory = useLoad(loadDirectory, 'directory');
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const name = (i: Pick<AdminItem, 'nameEn' | 'nameRu'>) => (locale === 'ru' ? i.nameRu : i.nameEn);
  const list = items.data ?? [];
  const children = useMemo(() => {
    const m = new Map<string | null, AdminItem[]>();
    for (const i of list) m.set(i.parentId, [...(m.get(i.parentId) ?? []), i]);
    return m;
  }, [list]);
  const needle = filter.trim().toLowerCase();
  const visible = (i: AdminItem): boolean =>
    !needle || `${i.nameEn} ${i.nameRu} ${i.code}`.toLowerCase().includes(needle) || (children.get(i.id) ?? []).some(visible);

  if (!canEdit) return <p className="muted" data-can-edit="false">{t('cat.readOnly')}</p>;

  const current = list.find((i) => i.id === selected) ?? null;

  function open(item: AdminItem) {
    setSelected(item.id);
    setSaved(false);
    setError(null);
    setDraft({
      code: item.code,
      kind: item.kind,
      parentId: item.parentId,
      nameEn: item.nameEn,
      nameRu: item.nameRu,
      descriptionEn: item.descriptionEn,
      descriptionRu: item.descriptionRu,
      defaultType: item.defaultType,
      defaultPriority: item.defaultPriority,
      defaultTeamId: item.defaultTeamId,
      active: item.active,
    });
  }

  function startNew(parent: AdminItem | null) {
    const kind = parent ? childKind(parent.kind) : 'service_type';
    if (!kind) return;
    setSelected(null);
    setSaved(false);
    setError(null);
    setDraft({ code: parent ? `${parent.code}.` : '', kind, parentId: parent?.id ?? null, nameEn: '', nameRu: '', descriptionEn: '', descriptionRu: '', active: true });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const { code, kind, ...rest } = draft;
      const body: ItemInput = { ...rest, defaultType: rest.defaultType || null, defaultPriority: rest.defaultPriority || null, defaultTeamId: rest.defaultTeamId || null };
      const res = selected
        ? await catalogueApi.updateItem(selected, { ...body, parentId: undefined })
        : await catalogueApi.createItem({ ...body, code, kind, nameEn: draft.nameEn ?? '', nameRu: draft.nameRu ?? '' });
      setSelected(res.id);
      setSaved(true);
      items.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const renderTree = (parentId: string | null, depth: number) => (
    <ul className={depth === 0 ? 'tree' : 'tree-sub'}>
      {(children.get(parentId) ?? []).filter(visible).map((i) => (
        <li key={i.id}>
          <button
            type="button"
            className={i.id === selected ? 'tree-leaf selected' : 'tree-leaf'}
            onClick={() => open(i)}
            data-testid="admin-catalogue-item"
            data-code={i.code}
          >
            {name(i)} {!i.active && <span className="badge badge-muted small">{t('cat.inactive')}</span>}
            {i.kind === 'service' && <span className="muted small"> · {i.formVersion ? `v${i.formVersion} · ${t('cat.fieldsCount', { n: i.fieldCount })}` : t('cat.noForm')}</span>}
          </button>
          {renderTree(i.id, depth + 1)}
        </li>
      ))}
    </ul>
  );

  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const teams = directory.data?.teams ?? [];

  return (
    <div className="admin-catalogue split" data-testid="admin-catalogue" data-can-edit="true">
      <section className="card catalogue">
        <div className="catalogue-bar">
          <input type="search" placeholder={t('cat.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="admin-catalogue-filter" />
          <button type="button" className="btn btn-small" onClick={() => startNew(null)}>
            {t('cat.addRoot')}
          </button>
        </div>
        <ErrorNote error={items.error} onRetry={items.reload} />
        <div className="catalogue-tree">{renderTree(null, 0)}</div>
      </section>
      <div className="grow">
        {!draft && <p className="muted">{t('cat.pick')}</p>}
        {draft && (
          <form className="card form" onSubmit={submit} data-testid="catalogue-item-form">
            <h3>{selected ? name({ nameEn: draft.nameEn ?? '', nameRu: draft.nameRu ?? '' }) : t('cat.newItem')}</h3>
            <div className="row">
              <label className="field">
                <span>{t('cat.code')}</span>
                <input className="mono" value={draft.code} disabled={Boolean(selected)} onChange={(e) => set({ code: e.target.value })} data-testid="item-code" />
              </label>
              <label className="field">
                <span>{t('cat.kind')}</span>
                <input value={t(`cat.kind.${draft.kind}`)} disabled />
              </label>
            </div>
            <div className="row">
              <label className="field grow">
                <span>{t('cat.nameEn')}</span>
                <input value={draft.nameEn ?? ''} onChange={(e) => set({ nameEn: e.target.value })} data-testid="item-name-en" />
              </label>
              <label className="field grow">
                <span>{t('cat.nameRu')}</span>
                <input value={draft.nameRu ?? ''} onChange={(e) => set({ nameRu: e.target.value })} data-testid="item-name-ru" />
              </label>
            </div>
            <div className="row">
              <label className="field grow">
                <span>{t('cat.descriptionEn')}</span>
                <textarea rows={2} value={draft.descriptionEn ?? ''} onChange={(e) => set({ descriptionEn: e.target.value })} />
              </label>
              <label className="field grow">
                <span>{t('cat.descriptionRu')}</span>
                <textarea rows={2} value={draft.descriptionRu ?? ''} onChange={(e) => set({ descriptionRu: e.target.value })} />
              </label>
            </div>
            {draft.kind === 'service' && (
              <div className="row">
                <label className="field">
                  <span>{t('cat.defaultType')}</span>
                  <TypeSelect value={TICKET_TYPES.find((x) => x === draft.defaultType) ?? ''} onChange={(v) => set({ defaultType: v || null })} empty={t('cat.none')} />
                </label>
                <label className="field">
                  <span>{t('cat.defaultPriority')}</span>
                  <PrioritySelect value={PRIORITIES.find((x) => x === draft.defaultPriority) ?? ''} onChange={(v) => set({ defaultPriority: v || null })} empty={t('cat.none')} />
                </label>
                <label className="field">
                  <span>{t('cat.defaultTeam')}</span>
                  <select value={draft.defaultTeamId ?? ''} onChange={(e) => set({ defaultTeamId: e.target.value || null })}>
                    <option value="">{t('cat.none')}</option>
                    {teams.map((tm) => (
                      <option key={tm.id} value={tm.id}>
                        {locale === 'ru' ? tm.nameRu : tm.nameEn}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
            <label className="field inline">
              <input type="checkbox" checked={draft.active ?? true} onChange={(e) => set({ active: e.target.checked })} data-testid="item-active" /> <span>{t('cat.active')}</span>
            </label>
            <ErrorNote error={error} />
            {saved && (
              <p className="ok-note" data-testid="item-saved">
                {t('cat.saved')}
              </p>
            )}
            <div className="actions">
              <button type="submit" className="btn btn-primary" disabled={busy} data-testid="item-save">
                {selected ? t('cat.save') : t('cat.create')}
              </button>
              {current && childKind(current.kind) && (
                <button type="button" className="btn" onClick={() => startNew(current)} data-testid="item-add-child">
                  {t('cat.addChild')}
                </button>
              )}
            </div>
          </form>
        )}
        {current?.kind === 'service' && <FormEditor key={current.id} itemId={current.id} canEdit={canEdit} onSaved={items.reload} />}
      </div>
    </div>
  );
}
