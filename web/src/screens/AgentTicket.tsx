import { useState } from 'react';
import { ApiError, api } from '../api';
import { useI18n } from '../i18n';
import { loadDirectory, loadOrganisation, useSession } from '../session';
import { useLoad } from '../useLoad';
import { AgentControls } from '../components/AgentControls';
import { PriorityBadge, StatusBadge } from '../components/Badges';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { ReplyBox } from '../components/ReplyBox';
import { TicketDetails } from '../components/TicketDetails';
import { Timeline } from '../components/Timeline';
import { HandoverList } from '../components/lines/HandoverList';
import { LineActions } from '../components/lines/LineActions';
import { SlaPanel } from '../components/sla/SlaPanel';
import { TicketFormPanel } from '../components/catalogue/TicketFormPanel';
import { SuggestionPanel } from '../components/classifier/SuggestionPanel';
import { SimilarPanel } from '../components/similar/SimilarPanel';
import { ArticleSuggestions } from '../components/knowledge/ArticleSuggestions';
import { MacroMenu } from '../components/macros/MacroMenu';
import type { Handover, Ownership, Ticket, TimelineItem } from '../types';

interface AgentTicketData {
  ticket: Ticket;
  timeline: TimelineItem[];
  handovers: Handover[];
  ownership: Ownership | null;
}

async function loadTicket(key: string): Promise<AgentTicketData> {
  // Hand-overs and ownership are extras: the page still works for someone who may not read them.
  const [ticket, timeline, handovers, ownership] = await Promise.all([
    api.getTicket(key),
    api.timeline(key),
    api.handovers(key).then((r) => r.items, () => [] as Handover[]),
    api.ownership(key).catch(() => null),
  ]);
  return { ticket, timeline: timeline.items, handovers, ownership };
}

export function AgentTicket({ ticketKey }: { ticketKey: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  const state = useLoad(() => loadTicket(ticketKey), ticketKey);
  const directory = useLoad(loadDirectory, 'directory');
  const org = useLoad(loadOrganisation, 'organisation');
  const [moved, setMoved] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);

  /** Runs one change; a stale version means someone else got there first, so show theirs and say so. */
  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    setConflict(false);
    setMoved('');
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'VERSION_CONFLICT' || err.status === 412)) setConflict(true);
      else setActionError(err);
    } finally {
      setBusy(false);
      state.reload();
    }
  }

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
  const { ticket, timeline, handovers, ownership } = state.data;

  return (
    <div className="page wide ticket-page" data-testid="ticket-page" data-key={ticket.key} data-version={ticket.version}>
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
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <span className="version mono small" title={t('field.version')} data-testid="ticket-version-badge">
          v{ticket.version}
        </span>
      </div>
      {conflict && (
        <div className="alert alert-warn" role="status" data-testid="version-conflict">
          {t('ticket.versionConflict')}
        </div>
      )}
      <ErrorNote error={actionError} />
      {moved && (
        <div className="alert alert-ok" role="status" data-testid="moved-notice">
          {moved}
        </div>
      )}
      <LineActions
        ticket={ticket}
        me={me}
        org={org.data}
        ownership={ownership}
        busy={busy}
        onTake={() => void act(() => api.take(ticket.key))}
        onAssign={(id) => void act(() => api.assign(ticket.key, id))}
        onMoved={(message) => {
          state.reload();
          setMoved(message);
        }}
      />
      <AgentControls
        ticket={ticket}
        me={me}
        directory={directory.data}
        busy={busy}
        onPatch={(patch) => void act(() => api.updateTicket(ticket.key, ticket.version, patch))}
        onStatus={(status, comment) => void act(() => api.changeStatus(ticket.key, ticket.version, status, comment || undefined))}
      />
      <div className="ticket-grid">
        <div className="ticket-main">
          <HandoverList items={handovers} reasons={org.data?.reasons ?? []} />
          <SuggestionPanel ticket={ticket} onChanged={state.reload} />
          <SimilarPanel ticket={ticket} onChanged={state.reload} />
          <section className="card description">
            <div className="tl-body" data-testid="ticket-description">
              {ticket.description}
            </div>
          </section>
          <TicketFormPanel ticketKey={ticket.key} canAsk refresh={String(ticket.version)} onChanged={state.reload} />
          <SlaPanel ticketKey={ticket.key} refresh={`${ticket.version}:${timeline.length}`} />
          <ArticleSuggestions ticket={ticket} />
          <h2>{t('ticket.timeline')}</h2>
          <Timeline items={timeline} audience="agent" directory={directory.data} />
          <MacroMenu ticket={ticket} onApplied={state.reload} />
          <ReplyBox
            allowInternal
            onSend={async (body, visibility) => {
              await api.addMessage(ticket.key, body, visibility);
              state.reload();
            }}
          />
        </div>
        <TicketDetails ticket={ticket} audience="agent" directory={directory.data} />
      </div>
    </div>
  );
}
