import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { ErrorNote } from '../ErrorNote';
import { articleReplyText, kbApi, type ArticleSummary } from '../../api/knowledge';

/** Search the knowledge base and insert an article (title, body in the chosen language, link) into a reply. */
export function ArticlePicker({ onInsert, onClose }: { onInsert: (text: string) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [lang, setLang] = useState<'en' | 'ru'>(locale);
  const [items, setItems] = useState<ArticleSummary[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      kbApi.list({ q: q.trim() || undefined, status: 'published', limit: 10 }).then(
        (r) => live && setItems(r.items),
        (err: unknown) => live && setError(err),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  async function insert(slug: string) {
    try {
      onInsert(articleReplyText(await kbApi.get(slug), lang));
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="card" data-testid="article-picker">
      <div className="row">
        <input className="grow" autoFocus value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('kb.searchPlaceholder')} data-testid="article-picker-search" />
        <select value={lang} onChange={(e) => setLang(e.target.value as 'en' | 'ru')} aria-label={t('kb.insertLanguage')}>
          <option value="ru">RU</option>
          <option value="en">EN</option>
        </select>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('kb.close')}
        </button>
      </div>
      <ErrorNote error={error} />
      {items.length === 0 && <p className="muted small">{t('kb.nothingFound')}</p>}
      <ul className="kb-list" style={{ listStyle: 'none', padding: 0, margin: '0.5em 0' }}>
        {items.map((a) => (
          <li key={a.id}>
            <button type="button" className="linklike" onClick={() => void insert(a.slug)} data-testid={`article-pick-${a.slug}`}>
              {(lang === 'ru' ? a.titleRu ?? a.titleEn : a.titleEn ?? a.titleRu) ?? a.slug}
            </button>{' '}
            {a.visibility === 'internal' && <span className="badge badge-internal">{t('kb.internal')}</span>} <span className="muted small">{t(`kb.kind.${a.kind}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
