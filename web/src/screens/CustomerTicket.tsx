import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { ReplyBox } from '../components/ReplyBox';
import { TicketDetails } from '../components/TicketDetails';
import { Timeline } from '../components/Timeline';
import { SlaPanel } from '../components/sla/SlaPanel';
import { TicketFormPanel } from '../components/catalogue/TicketFormPanel';
import type { Ticket, TimelineItem } from '../types';

interface Loaded {
  ticket: Ticket;
  timeline: TimelineItem[];
}

async function loadTicket(key: string): Promise<Loaded> {
  const [ticket, timeline] = await Promise.all([api.getTicket(key), api.timeline(key)]);
  return { ticket, timeline: timeline.items };
}

export function CustomerTicket({ ticketKey }: { ticketKey: string }) {
  const { t } = useI18n();
  const state = useLoad(() => loadTicket(ticketKey), ticketKey);

  if (state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 403)) {
    return (
      <div className="page">
        <p data-testid="ticket-not-found">{t('ticket.notFound', { key: ticketKey })}</p>
        <Link to="/">{t('ticket.back')}</Link>
      </div>
    );
  }
  if (!state.data) {
    return <div className="page">{state.error ? <ErrorNote error={state.error} onRetry={state.reload} /> : <p className="muted">{t('app.loading')}</p>}</div>;
  }
  const { ticket, timeline } = state.data;
  const closedForGood = ticket.status === 'closed';

  return (
    <div className="page ticket-page" data-testid="ticket-page" data-key={ticket.key}>
      <div className="page-head">
        <Link to="/" className="back">
          {t('ticket.back')}
        </Link>
        <h1>
          <span className="mono key" data-testid="ticket-key">
            {ticket.key}
          </span>{' '}
          <span data-testid="ticket-subject">{ticket.subject}</span>
        </h1>
      </div>
      <div className="ticket-grid">
        <div className="ticket-main">
          <section className="card description">
            <div className="tl-body" data-testid="ticket-description">
              {ticket.description}
            </div>
          </section>
          <TicketFormPanel ticketKey={ticket.key} refresh={String(ticket.version)} onChanged={state.reload} />
          <SlaPanel ticketKey={ticket.key} refresh={`${ticket.version}:${timeline.length}`} />
          <h2>{t('ticket.timeline')}</h2>
          <Timeline items={timeline} audience="customer" />
          {ticket.status === 'resolved' && <ResolvedBox ticket={ticket} onDone={state.reload} />}
          {closedForGood ? (
            <p className="muted" data-testid="ticket-closed">{t('ticket.closedNote')}</p>
          ) : (
            <ReplyBox
              allowInternal={false}
              onSend={async (body) => {
                await api.addMessage(ticket.key, body, 'public');
                state.reload();
              }}
            />
          )}
        </div>
        <TicketDetails ticket={ticket} audience="customer" />
      </div>
    </div>
  );
}

/** Resolved: the customer either rates the answer (which closes the request) or sends it back with a reason. */
function ResolvedBox({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const { t } = useI18n();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const rate = (e: FormEvent) => {
    e.preventDefault();
    if (rating) void run(() => api.rate(ticket.key, rating, comment.trim() || undefined));
  };
  const reopen = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim()) void run(() => api.reopen(ticket.key, reason.trim()));
  };

  return (
    <section className="card resolved-box" data-testid="resolved-box">
      <p>
        <strong>{t('ticket.resolvedBox')}</strong>
      </p>
      <div className="resolved-cols">
        <form onSubmit={rate}>
          <div className="field">
            <span>{t('ticket.rate')}</span>
            <div className="stars" role="radiogroup" aria-label={t('ticket.rate')}>
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  key={n}
                  type="button"
                  role="radio"
                  aria-checked={rating === n}
                  className={rating !== null && n <= rating ? 'star on' : 'star'}
                  data-testid={`rate-${n}`}
                  onClick={() => setRating(n)}
                >
                  {n}
                </button>
              ))}
            </div>
          </div>
          <label className="field">
            <span>{t('ticket.rateComment')}</span>
            <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="rate-comment" />
          </label>
          <button type="submit" className="btn btn-primary" disabled={busy || !rating} data-testid="rate-submit">
            {t('ticket.rateSubmit')}
          </button>
        </form>
        <form onSubmit={reopen}>
          <label className="field">
            <span>{t('ticket.reopenReason')}</span>
            <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
          </label>
          <button type="submit" className="btn" disabled={busy || !reason.trim()} data-testid="reopen-submit">
            {t('ticket.reopenSubmit')}
          </button>
        </form>
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
