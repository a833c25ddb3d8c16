import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import { ErrorNote } from '../components/ErrorNote';
import { Link } from '../components/Link';
import { TicketTable } from '../components/TicketTable';
import type { TicketSummary } from '../types';

export function CustomerRequests() {
  const { t } = useI18n();
  const first = useLoad(() => api.listTickets({}), 'customer-list');
  const [more, setMore] = useState<{ items: TicketSummary[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await api.listTickets({}, cursor);
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page" data-testid="customer-requests">
      <div className="page-head">
        <h1>{t('nav.myRequests')}</h1>
        <Link to="/requests/new" className="btn btn-primary" testId="new-request">
          {t('nav.newRequest')}
        </Link>
      </div>
      <ErrorNote error={first.error} onRetry={first.reload} />
      {first.loading && !first.data ? (
        <p className="muted">{t('list.loading')}</p>
      ) : items.length === 0 && !first.error ? (
        <p className="empty" data-testid="list-empty">{t('list.empty')}</p>
      ) : (
        <TicketTable items={items} variant="customer" />
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
