import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/admin/useAction';
import { FieldProblems } from '../../components/knowledge/FieldProblems';
import { KB_ERROR_STATUSES, KB_KINDS, KB_STATUSES, kbApi, type Article, type ArticleInput, type KbErrorStatus, type KbKind, type KbStatus } from '../../api/knowledge';

/** Knowledge base: search and filter articles, edit both languages, visibility, kind, catalogue links; versions and feedback. */
export function AdminKnowledge({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const list = useLoad(() => kbApi.list({ q: q.trim() || undefined, kind: kind || undefined, status: status || undefined }), `kb-admin-${q}-${kind}-${status}`);
  const deflection = useLoad(() => (canEdit ? kbApi.deflection() : Promise.resolve(null)), `kb-deflection-${canEdit}`);
  const title = (a: { titleEn: string | null; titleRu: string | null; slug: string }) => (locale === 'ru' ? a.titleRu ?? a.titleEn : a.titleEn ?? a.titleRu) ?? a.slug;
  const d = deflection.data;

  return (
    <div data-testid="admin-knowledge">
      {d && (
        <div className="card small" data-testid="kb-deflection">
          <strong>{t('kb.deflection')}</strong>{' '}
          {t('kb.deflectionFigures', { sessions: d.sessions, viewed: d.sessionsWithViews, deflected: d.deflected, submitted: d.submitted, rate: Math.round(d.deflectionRate * 100) })}
        </div>
      )}
      <div className="row">
        <input className="grow" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('kb.searchPlaceholder')} data-testid="kb-admin-search" />
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('kb.kind')}>
          <option value="">{t('kb.allKinds')}</option>
          {KB_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kb.kind.${k}`)}
            </option>
          ))}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('kb.status')}>
          <option value="">{t('kb.activeStatuses')}</option>
          {[...KB_STATUSES, 'all'].map((s) => (
            <option key={s} value={s}>
              {t(`kb.status.${s as KbStatus | 'all'}`)}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-primary" onClick={() => setSelected('new')} data-testid="kb-new">
          {t('kb.new')}
        </button>
      </div>
      <ErrorNote error={list.error} onRetry={list.reload} />
      <div className="ticket-grid">
        <div className="card">
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('kb.title')}</th>
                <th>{t('kb.kind')}</th>
                <th>{t('kb.visibility')}</th>
                <th>{t('kb.helpful')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((a) => (
                <tr key={a.id} className={selected === a.slug ? 'on' : undefined} data-testid={`kb-row-${a.slug}`}>
                  <td>
                    <button type="button" className="linklike" onClick={() => setSelected(a.slug)}>
                      {title(a)}
                    </button>
                    <div className="muted small mono">
                      {a.slug} · v{a.version} {a.status !== 'published' ? `· ${t(`kb.status.${a.status}`)}` : ''} {!a.titleEn ? '· RU' : !a.titleRu ? '· EN' : ''}
                    </div>
                  </td>
                  <td className="small">{t(`kb.kind.${a.kind}`)}</td>
                  <td className="small">{a.visibility === 'internal' ? <span className="badge badge-internal">{t('kb.internal')}</span> : t('kb.public')}</td>
                  <td className="small nowrap">
                    {t('kb.yes')} {a.feedback?.helpful ?? 0} · {t('kb.no')} {a.feedback?.notHelpful ?? 0}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          {selected && (
            <ArticleEditor
              key={selected}
              slug={selected === 'new' ? null : selected}
              canAdmin={canEdit}
              onSaved={(slug) => {
                setSelected(slug);
                list.reload();
              }}
              onDeleted={() => {
                setSelected(null);
                list.reload();
              }}
            />
          )}
        </div>
      </div>
    </div>
  );
}

type Form = {
  slug: string;
  kind: KbKind;
  visibility: 'public' | 'internal';
  status: KbStatus;
  titleEn: string;
  bodyEn: string;
  titleRu: string;
  bodyRu: string;
  symptomsEn: string;
  symptomsRu: string;
  workaroundEn: string;
  workaroundRu: string;
  errorStatus: KbErrorStatus | '';
  keywords: string;
  catalogueItemIds: string[];
  note: string;
};

const toForm = (a: Article | null): Form => ({
  slug: a?.slug ?? '',
  kind: a?.kind ?? 'how_to',
  visibility: a?.visibility ?? 'public',
  status: a?.status ?? 'published',
  titleEn: a?.titleEn ?? '',
  bodyEn: a?.bodyEn ?? '',
  titleRu: a?.titleRu ?? '',
  bodyRu: a?.bodyRu ?? '',
  symptomsEn: a?.symptomsEn ?? '',
  symptomsRu: a?.symptomsRu ?? '',
  workaroundEn: a?.workaroundEn ?? '',
  workaroundRu: a?.workaroundRu ?? '',
  errorStatus: a?.errorStatus ?? '',
  keywords: a?.keywords ?? '',
  catalogueItemIds: a?.catalogueItems.map((c) => c.id) ?? [],
  note: '',
});

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function ArticleEditor({ slug, canAdmin, onSaved, onDeleted }: { slug: string | null; canAdmin: boolean; onSaved: (slug: string) => void; onDeleted: () => void }) {
  const { t, dt, locale } = useI18n();
  const article = useLoad(() => (slug ? kbApi.get(slug) : Promise.resolve(null)), `kb-article-${slug ?? 'new'}`);
  const catalogue = useLoad(() => api.catalogue(), 'catalogue');
  const [form, setForm] = useState<Form | null>(null);
  const save = useAction();
  const a = article.data;
  const f = form ?? (slug && !a ? null : toForm(a));
  if (!f) return <ErrorNote error={article.error} onRetry={article.reload} />;
  const set = (patch: Partial<Form>) => setForm({ ...f, ...patch });
  const known = f.kind === 'known_error';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!f) return;
    const input: ArticleInput = {
      slug: f.slug.trim(),
      kind: f.kind,
      visibility: f.visibility,
      status: f.status,
      titleEn: orNull(f.titleEn),
      bodyEn: orNull(f.bodyEn),
      titleRu: orNull(f.titleRu),
      bodyRu: orNull(f.bodyRu),
      symptomsEn: known ? orNull(f.symptomsEn) : null,
      symptomsRu: known ? orNull(f.symptomsRu) : null,
      workaroundEn: known ? orNull(f.workaroundEn) : null,
      workaroundRu: known ? orNull(f.workaroundRu) : null,
      errorStatus: known && f.errorStatus ? f.errorStatus : null,
      keywords: f.keywords,
      catalogueItemIds: f.catalogueItemIds,
    };
    let saved: Article | null = null;
    const ok = await save.run(async () => {
      saved = a ? await kbApi.update(a.slug, a.version, { ...input, ...(f.note.trim() ? { note: f.note.trim() } : {}) }) : await kbApi.create(input);
    });
    if (ok && saved) {
      setForm(null);
      article.reload();
      onSaved((saved as Article).slug);
    }
  }

  const text = (label: string, key: keyof Form, rows = 0) => (
    <label className="field">
      <span>{label}</span>
      {rows ? (
        <textarea rows={rows} value={f[key] as string} onChange={(e) => set({ [key]: e.target.value } as Partial<Form>)} data-testid={`kb-${key}`} />
      ) : (
        <input value={f[key] as string} onChange={(e) => set({ [key]: e.target.value } as Partial<Form>)} data-testid={`kb-${key}`} />
      )}
    </label>
  );
  const services = (catalogue.data?.items ?? []).filter((c) => c.kind === 'service' || c.kind === 'group');

  return (
    <div>
      <form className="card" onSubmit={submit} data-testid="kb-editor">
        <div className="row">
          <label className="field grow">
            <span>{t('kb.slug')}</span>
            <input value={f.slug} onChange={(e) => set({ slug: e.target.value })} required placeholder="vm-does-not-start" data-testid="kb-slug" />
          </label>
          <label className="field">
            <span>{t('kb.kind')}</span>
            <select value={f.kind} onChange={(e) => set({ kind: e.target.value as KbKind })}>
              {KB_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kb.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('kb.visibility')}</span>
            <select value={f.visibility} onChange={(e) => set({ visibility: e.target.value as 'public' | 'internal' })} data-testid="kb-visibility">
              <option value="public">{t('kb.public')}</option>
              <option value="internal">{t('kb.internal')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('kb.status')}</span>
            <select value={f.status} onChange={(e) => set({ status: e.target.value as KbStatus })}>
              {KB_STATUSES.filter((s) => canAdmin || s !== 'archived' || f.status === 'archived').map((s) => (
                <option key={s} value={s}>
                  {t(`kb.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <div className="grow">
            <strong>Русский</strong>
            {text(t('kb.title'), 'titleRu')}
            {text(t('kb.body'), 'bodyRu', 8)}
            {known && text(t('kb.symptoms'), 'symptomsRu', 3)}
            {known && text(t('kb.workaround'), 'workaroundRu', 3)}
          </div>
          <div className="grow">
            <strong>English</strong>
            {text(t('kb.title'), 'titleEn')}
            {text(t('kb.body'), 'bodyEn', 8)}
            {known && text(t('kb.symptoms'), 'symptomsEn', 3)}
            {known && text(t('kb.workaround'), 'workaroundEn', 3)}
          </div>
        </div>
        {known && (
          <label className="field">
            <span>{t('kb.errorStatus')}</span>
            <select value={f.errorStatus} onChange={(e) => set({ errorStatus: e.target.value as KbErrorStatus | '' })}>
              <option value="">—</option>
              {KB_ERROR_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`kb.errorStatus.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {text(t('kb.keywords'), 'keywords')}
        <label className="field">
          <span>{t('kb.catalogue')}</span>
          <select
            multiple
            size={6}
            value={f.catalogueItemIds}
            onChange={(e) => set({ catalogueItemIds: Array.from(e.target.selectedOptions, (o) => o.value) })}
            data-testid="kb-catalogue"
          >
            {services.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} — {locale === 'ru' ? c.nameRu : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        {a && text(t('kb.note'), 'note')}
        <FieldProblems error={save.error} />
        <ErrorNote error={save.error} />
        <div className="actions">
          {a && canAdmin && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                if (window.confirm(t('kb.confirmDelete'))) void save.run(() => kbApi.remove(a.slug)).then((ok) => ok && onDeleted());
              }}
            >
              {t('kb.delete')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="kb-save">
            {t('kb.save')}
          </button>
        </div>
        {a && (
          <p className="muted small">
            v{a.version} · {dt(a.updatedAt)} {a.updatedBy ? `· ${a.updatedBy.name}` : ''}
          </p>
        )}
      </form>
      {a && <Versions slug={a.slug} current={a.version} onRestored={() => { setForm(null); article.reload(); onSaved(a.slug); }} />}
      {a && <Feedback slug={a.slug} />}
    </div>
  );
}

function Versions({ slug, current, onRestored }: { slug: string; current: number; onRestored: () => void }) {
  const { t, dt } = useI18n();
  const versions = useLoad(() => kbApi.versions(slug), `kb-versions-${slug}-${current}`);
  const restore = useAction();
  return (
    <section className="card" data-testid="kb-versions">
      <h3>{t('kb.versions')}</h3>
      <ErrorNote error={versions.error ?? restore.error} />
      <ul className="kb-list small" style={{ listStyle: 'none', padding: 0 }}>
        {versions.data?.items.map((v) => (
          <li key={v.version}>
            v{v.version} · {dt(v.createdAt)} · {v.author?.name ?? t('kb.system')} {v.note ? `· ${v.note}` : ''}{' '}
            {v.version !== current && (
              <button type="button" className="btn btn-small" disabled={restore.busy} onClick={() => void restore.run(() => kbApi.restore(slug, v.version)).then((ok) => ok && onRestored())} data-testid={`kb-restore-${v.version}`}>
                {t('kb.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Feedback({ slug }: { slug: string }) {
  const { t, dt } = useI18n();
  const fb = useLoad(() => kbApi.feedback(slug), `kb-feedback-${slug}`);
  if (!fb.data) return null;
  return (
    <section className="card" data-testid="kb-feedback">
      <h3>{t('kb.feedback')}</h3>
      <p>
        {t('kb.yes')} {fb.data.helpful} · {t('kb.no')} {fb.data.notHelpful}
      </p>
      <ul className="kb-list small" style={{ listStyle: 'none', padding: 0 }}>
        {fb.data.comments.map((c, i) => (
          <li key={i}>
            {c.helpful ? t('kb.yes') : t('kb.no')}: {c.comment} <span className="muted">— {c.user.name}, {dt(c.at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
