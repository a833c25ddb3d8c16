import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { loadDirectory } from '../session';
import { useLoad } from '../useLoad';
import { ErrorNote } from '../components/ErrorNote';
import { DEFAULT_FILTERS, QueueFilters } from '../components/QueueFilters';
import { TicketTable } from '../components/TicketTable';
import { deadlineRank } from '../components/sla/format';
import { useQueueSla } from '../components/sla/useQueueSla';
import { QueueViewList, QueueViews } from '../components/QueueViews';
import type { QueueView, TicketFilters, TicketSummary } from '../types';

const FILTERS_KEY = 'tierdesk.queue.filters';
const SEARCH_KEY = 'tierdesk.queue.search';
const SORT_KEY = 'tierdesk.queue.byDeadline';
const VIEW_KEY = 'tierdesk.queue.view';

// Filters survive opening a request and coming back, within the tab.
function restore<T>(key: string, fallback: T): T {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}
function persist(key: string, value: unknown) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: filters reset on navigation, nothing else breaks
  }
}

export function AgentQueue() {
  const { t } = useI18n();
  const directory = useLoad(loadDirectory, 'directory');
  const [filters, setFilters] = useState<TicketFilters>(() => restore(FILTERS_KEY, DEFAULT_FILTERS));
  const [searchText, setSearchText] = useState(() => restore(SEARCH_KEY, ''));
  const [query, setQuery] = useState(searchText.trim());
  const [view, setView] = useState<QueueView | null>(() => restore<QueueView | null>(VIEW_KEY, null));
  const [countsTick, setCountsTick] = useState(0);
  useEffect(() => persist(VIEW_KEY, view), [view]);

  useEffect(() => persist(FILTERS_KEY, filters), [filters]);
  useEffect(() => persist(SEARCH_KEY, query), [query]);

  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setQuery(searchText.trim());
  }
  function clearSearch() {
    setSearchText('');
    setQuery('');
  }

  return (
    <div className="page wide" data-testid="agent-queue">
      <div className="page-head">
        <h1>{t('queue.title')}</h1>
        <form className="search" onSubmit={submitSearch} role="search" data-testid="queue-search-form">
          <input
            type="search"
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (!e.target.value) setQuery('');
            }}
            placeholder={t('queue.search')}
            data-testid="queue-search"
          />
        </form>
      </div>
      <ErrorNote error={directory.error} onRetry={directory.reload} />
      {query ? (
        <SearchResults query={query} onClear={clearSearch} />
      ) : (
        <>
          <QueueViews
            selected={view}
            tick={countsTick}
            onSelect={(v) => {
              setView(v);
              setCountsTick((n) => n + 1);
            }}
          />
          {view ? (
            <QueueViewList key={`${view}-${countsTick}`} view={view} />
          ) : (
            <>
              <QueueFilters value={filters} onChange={setFilters} directory={directory.data} />
              <FilteredList filters={filters} />
            </>
          )}
        </>
      )}
    </div>
  );
}

function FilteredList({ filters }: { filters: TicketFilters }) {
  const { t } = useI18n();
  const filterKey = JSON.stringify(filters);
  const first = useLoad(() => api.listTickets(filters), filterKey);
  const [more, setMore] = useState<{ forKey: string; items: TicketSummary[]; cursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const extra = more?.forKey === filterKey ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);
  const sla = useQueueSla(items);
  const [byDeadline, setByDeadline] = useState(() => restore(SORT_KEY, false));
  useEffect(() => persist(SORT_KEY, byDeadline), [byDeadline]);
  const shown = byDeadline ? [...items].sort((a, b) => deadlineRank(sla.get(a.key)) - deadlineRank(sla.get(b.key))) : items;

  async function loadMore() {
    if (!cursor) return;
    setBusy(true);
    setMoreError(null);
    try {
      const page = await api.listTickets(filters, cursor);
      setMore({ forKey: filterKey, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (err) {
      setMoreError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorNote error={first.error} onRetry={first.reload} />
      <div className="list-meta muted small">
        {first.loading ? t('list.loading') : t('list.count', { n: items.length })}
        <button type="button" className="linklike" onClick={first.reload} title={t('queue.refresh')} aria-label={t('queue.refresh')} data-testid="queue-refresh">
          ⟳
        </button>
        <label className="sla-sort">
          <input type="checkbox" checked={byDeadline} onChange={(e) => setByDeadline(e.target.checked)} data-testid="sla-sort" />{' '}
          {t('sla.sortDeadline')}
        </label>
      </div>
      {first.data === null ? null : items.length === 0 ? (
        <p className="empty" data-testid="list-empty">{t('queue.empty')}</p>
      ) : (
        <TicketTable items={shown} variant="agent" sla={sla} />
      )}
      <ErrorNote error={moreError} />
      {cursor && (
        <button type="button" className="btn load-more" disabled={busy} onClick={loadMore} data-testid="load-more">
          {busy ? t('list.loading') : t('list.loadMore')}
        </button>
      )}
    </>
  );
}

function SearchResults({ query, onClear }: { query: string; onClear: () => void }) {
  const { t } = useI18n();
  const res = useLoad(() => api.search(query), query);
  return (
    <div data-testid="search-results">
      <div className="list-meta">
        <strong>{t('queue.searchResults', { q: query })}</strong>
        <button type="button" className="btn btn-small" onClick={onClear} data-testid="clear-search">
          {t('queue.clearSearch')}
        </button>
      </div>
      <ErrorNote error={res.error} onRetry={res.reload} />
      {res.loading ? (
        <p className="muted">{t('list.loading')}</p>
      ) : res.data && res.data.items.length === 0 ? (
        <p className="empty" data-testid="list-empty">{t('queue.empty')}</p>
      ) : (
        res.data && <TicketTable items={res.data.items} variant="agent" />
      )}
    </div>
  );
}
