import { useState } from 'react';
import { api } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { useLoad } from '../useLoad';
import { ErrorNote } from './ErrorNote';
import { TicketTable } from './TicketTable';
import { QUEUE_VIEWS, type QueueView, type TicketSummary } from '../types';

const VIEW_LABEL: Record<QueueView, MessageKey> = {
  mine: 'qv.mine',
  'unassigned-in-my-teams': 'qv.unassigned',
  'returned-to-me': 'qv.returned',
  'escalated-by-me': 'qv.escalated',
};

/** The named views as chips with live counts, plus open/unassigned counts per line and team. */
export function QueueViews({ selected, onSelect, tick }: { selected: QueueView | null; onSelect: (v: QueueView | null) => void; tick: number }) {
  const { t } = useI18n();
  const counts = useLoad(() => api.queueCounts(), `counts-${tick}`);
  const count = (v: QueueView) => counts.data?.views.find((x) => x.view === v)?.count;
  return (
    <div className="queue-views card" data-testid="queue-views">
      <div className="qv-chips" role="tablist" aria-label={t('qv.title')}>
        <button
          type="button"
          role="tab"
          aria-selected={selected === null}
          className={selected === null ? 'qv-chip on' : 'qv-chip'}
          onClick={() => onSelect(null)}
          data-testid="qv-all"
        >
          {t('qv.all')}
        </button>
        {QUEUE_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={selected === v}
            className={selected === v ? 'qv-chip on' : 'qv-chip'}
            onClick={() => onSelect(v)}
            data-testid={`qv-${v}`}
          >
            {t(VIEW_LABEL[v])}
            <span className="qv-count" data-testid={`qv-count-${v}`}>
              {count(v) ?? '…'}
            </span>
          </button>
        ))}
      </div>
      <ErrorNote error={counts.error} onRetry={counts.reload} />
      {counts.data && (counts.data.lines.length > 0 || counts.data.teams.length > 0) && (
        <div className="qv-scopes small muted" data-testid="qv-scopes">
          {counts.data.lines.map((l) => (
            <span key={l.id} className="qv-scope" data-testid={`qv-line-${l.code}`}>
              <strong>{l.code}</strong> {t('qv.openUnassigned', { open: l.open, unassigned: l.unassigned })}
            </span>
          ))}
          {counts.data.teams.map((tm) => (
            <span key={tm.id} className="qv-scope" title={tm.code} data-testid={`qv-team-${tm.code}`}>
              <strong>{tm.name}</strong> {t('qv.openUnassigned', { open: tm.open, unassigned: tm.unassigned })}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** One named view, page by page. */
export function QueueViewList({ view }: { view: QueueView }) {
  const { t } = useI18n();
  const first = useLoad(() => api.queueView(view), view);
  const [more, setMore] = useState<{ forView: QueueView; items: TicketSummary[]; cursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const extra = more?.forView === view ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await api.queueView(view, cursor);
      setMore({ forView: view, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="queue-view-list" data-view={view}>
      <ErrorNote error={first.error} onRetry={first.reload} />
      <div className="list-meta muted small">{first.loading ? t('list.loading') : t('list.count', { n: items.length })}</div>
      {first.data === null ? null : items.length === 0 ? (
        <p className="empty" data-testid="list-empty">{t('queue.empty')}</p>
      ) : (
        <TicketTable items={items} variant="agent" />
      )}
      <ErrorNote error={moreError} />
      {cursor && (
        <button type="button" className="btn load-more" disabled={busy} onClick={loadMore} data-testid="load-more">
          {busy ? t('list.loading') : t('list.loadMore')}
        </button>
      )}
    </div>
  );
}
