import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { kbApi, type Article, type Suggestion } from '../../api/knowledge';

const MIN_CHARS = 12;

/**
 * Articles suggested to a customer while they type a request (debounced). The draft is one suggestion
 * session: opening an article records a view; the server marks the session submitted when a request is
 * created, so a read suggestion without a request counts as deflected.
 */
export function KbSuggestions(props: { subject: string; description: string; catalogueItemId?: string | null }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState<Article | null>(null);
  const [voted, setVoted] = useState<Record<string, boolean>>({});
  const session = useRef<string | null>(null);
  const text = `${props.subject} ${props.description}`.trim();

  useEffect(() => {
    if (text.length < MIN_CHARS) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      kbApi
        .suggest({ subject: props.subject, description: props.description, ...(props.catalogueItemId ? { catalogueItemId: props.catalogueItemId } : {}), ...(session.current ? { sessionId: session.current } : {}) })
        .then(
          (r) => {
            if (!live) return;
            if (r.sessionId) session.current = r.sessionId;
            setItems(r.items);
          },
          () => live && setItems([]),
        );
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [props.subject, props.description, props.catalogueItemId, text.length]);

  async function show(slug: string) {
    if (open?.slug === slug) {
      setOpen(null);
      return;
    }
    const a = await kbApi.get(slug).catch(() => null);
    setOpen(a);
    if (a && session.current) void kbApi.recordView(session.current, slug).catch(() => undefined);
  }

  async function vote(slug: string, helpful: boolean) {
    await kbApi.giveFeedback(slug, helpful).catch(() => undefined);
    setVoted({ ...voted, [slug]: helpful });
  }

  if (items.length === 0) return null;
  const body = (a: Article) => (locale === 'ru' ? a.bodyRu ?? a.bodyEn : a.bodyEn ?? a.bodyRu) ?? '';
  return (
    <aside className="card hint" data-testid="kb-suggestions" aria-live="polite">
      <strong>{t('kb.mayHelp')}</strong>
      <ul className="kb-list" style={{ listStyle: 'none', padding: 0, margin: '0.5em 0' }}>
        {items.map((s) => (
          <li key={s.id} data-testid={`kb-suggestion-${s.slug}`}>
            <button type="button" className="linklike" onClick={() => void show(s.slug)} aria-expanded={open?.slug === s.slug}>
              {s.title}
            </button>
            {open?.slug === s.slug && (
              <div className="tl-body small" data-testid="kb-suggestion-body">
                {open.workaroundEn || open.workaroundRu ? <p>{(locale === 'ru' ? open.workaroundRu ?? open.workaroundEn : open.workaroundEn ?? open.workaroundRu) ?? ''}</p> : null}
                <p style={{ whiteSpace: 'pre-wrap' }}>{body(open)}</p>
                {voted[s.slug] === undefined ? (
                  <span className="row">
                    {t('kb.didItHelp')}{' '}
                    <button type="button" className="btn btn-small" onClick={() => void vote(s.slug, true)}>
                      {t('kb.yes')}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => void vote(s.slug, false)}>
                      {t('kb.no')}
                    </button>
                  </span>
                ) : (
                  <span className="muted">{t('kb.thanks')}</span>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <p className="muted small">{t('kb.stillSubmit')}</p>
    </aside>
  );
}
