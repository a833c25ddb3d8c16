import { useState } from 'react';
import type { Ticket } from '../../types';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../ErrorNote';
import { articleReplyText, kbApi, requestInsert } from '../../api/knowledge';

/** Knowledge-base articles ranked for the request, for the agent: open one, or insert it into the reply. */
export function ArticleSuggestions({ ticket, onInsert }: { ticket: Ticket; onInsert?: (text: string) => void }) {
  const { t } = useI18n();
  const state = useLoad(() => kbApi.ticketSuggestions(ticket.key), `kb-suggest-${ticket.key}-${ticket.version}`);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = state.data?.items ?? [];
  if (!state.data && !state.error) return null;

  async function insert(slug: string) {
    try {
      const a = await kbApi.get(slug);
      const text = articleReplyText(a, state.data?.language ?? 'en');
      if (onInsert) onInsert(text);
      else requestInsert(text);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="card" data-testid="article-suggestions">
      <h3>{t('kb.suggestedArticles')}</h3>
      <ErrorNote error={state.error ?? error} />
      {items.length === 0 && <p className="muted small">{t('kb.noSuggestions')}</p>}
      <ul className="kb-list" style={{ listStyle: 'none', padding: 0, margin: '0.5em 0' }}>
        {items.map((s) => (
          <li key={s.id} data-testid={`article-suggestion-${s.slug}`}>
            <button type="button" className="linklike" onClick={() => setOpen(open === s.slug ? null : s.slug)}>
              {s.title}
            </button>{' '}
            {s.visibility === 'internal' && <span className="badge badge-internal">{t('kb.internal')}</span>}{' '}
            {s.catalogueMatch && <span className="chip">{t('kb.catalogueMatch')}</span>}{' '}
            <span className="muted small">{t(`kb.kind.${s.kind}`)}</span>{' '}
            <button type="button" className="btn btn-small" onClick={() => void insert(s.slug)} data-testid={`article-insert-${s.slug}`}>
              {t('kb.insert')}
            </button>
            {open === s.slug && <p className="snippet small">{s.excerpt}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
