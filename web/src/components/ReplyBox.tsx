import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { ErrorNote } from './ErrorNote';
import { ArticlePicker } from './knowledge/ArticlePicker';
import { INSERT_EVENT } from '../api/knowledge';

type Visibility = 'public' | 'internal';

/** The reply form; agents also get the Public reply / Internal note toggle and the knowledge-base article picker. */
export function ReplyBox(props: { allowInternal: boolean; onSend: (body: string, visibility: Visibility) => Promise<void> }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [picking, setPicking] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const internal = visibility === 'internal';

  /** Inserts at the cursor (or appends), keeping what the agent already typed. */
  function insert(text: string) {
    const el = area.current;
    setBody((current) => {
      const at = el && document.activeElement === el ? el.selectionStart : current.length;
      const before = current.slice(0, at);
      const sep = before && !before.endsWith('\n') ? '\n\n' : '';
      return `${before}${sep}${text}${current.slice(at)}`;
    });
    el?.focus();
  }

  useEffect(() => {
    if (!props.allowInternal) return;
    const onInsert = (e: Event) => insert((e as CustomEvent<string>).detail);
    window.addEventListener(INSERT_EVENT, onInsert);
    return () => window.removeEventListener(INSERT_EVENT, onInsert);
  }, [props.allowInternal]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSend(body.trim(), visibility);
      setBody('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={internal ? 'reply card internal' : 'reply card'} onSubmit={submit} data-testid="reply-box">
      {props.allowInternal && (
        <div className="segmented" role="radiogroup" aria-label={t('ticket.reply')}>
          {(['public', 'internal'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={visibility === v}
              className={visibility === v ? 'seg active' : 'seg'}
              data-testid={`reply-mode-${v}`}
              onClick={() => setVisibility(v)}
            >
              {v === 'public' ? t('ticket.publicReply') : t('ticket.internalNote')}
            </button>
          ))}
        </div>
      )}
      {picking && <ArticlePicker onInsert={insert} onClose={() => setPicking(false)} />}
      <textarea
        ref={area}
        rows={4}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder={internal ? t('ticket.notePlaceholder') : t('ticket.replyPlaceholder')}
        data-testid="reply-body"
      />
      <ErrorNote error={error} />
      <div className="actions">
        {props.allowInternal && !picking && (
          <button type="button" className="btn" onClick={() => setPicking(true)} data-testid="reply-insert-article">
            {t('kb.insertArticle')}
          </button>
        )}
        <button type="submit" className={internal ? 'btn btn-note' : 'btn btn-primary'} disabled={busy || !body.trim()} data-testid="reply-send">
          {busy ? t('ticket.sending') : internal ? t('ticket.internalNote') : t('ticket.send')}
        </button>
      </div>
    </form>
  );
}
