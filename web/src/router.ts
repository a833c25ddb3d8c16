import { useSyncExternalStore, type MouseEvent } from 'react';

/**
 * A tiny history-API router: the server answers every non-/api path with index.html, so plain
 * paths (/requests/SUP-12) survive reloads and can be shared.
 */

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
}

export function usePath(): string {
  const full = useSyncExternalStore(subscribe, snapshot);
  const q = full.indexOf('?');
  return q === -1 ? full : full.slice(0, q);
}

export type Route =
  | { name: 'home' }
  | { name: 'signin' }
  | { name: 'new' }
  | { name: 'roster' }
  | { name: 'ticket'; key: string }
  | { name: 'admin'; section: AdminSection }
  | { name: 'lineMetrics' }
  | { name: 'slaReport' }
  | { name: 'help'; slug: string | null }
  | { name: 'notFound' };

export const ADMIN_SECTIONS = ['lines', 'teams', 'reasons', 'routing', 'sla', 'catalogue', 'knowledge', 'macros', 'templates', 'outbox', 'classifier'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function matchRoute(path: string): Route {
  if (path === '/' || path === '' || path === '/requests' || path === '/queue') return { name: 'home' };
  if (path === '/signin') return { name: 'signin' };
  if (path === '/requests/new') return { name: 'new' };
  if (path === '/roster') return { name: 'roster' };
  if (path === '/help' || path === '/help/') return { name: 'help', slug: null };
  const h = /^\/help\/([a-z0-9-]+)\/?$/.exec(path);
  if (h?.[1]) return { name: 'help', slug: h[1] };
  if (path === '/admin' || path === '/admin/') return { name: 'admin', section: 'lines' };
  const a = /^\/admin\/([a-z]+)\/?$/.exec(path);
  const section = ADMIN_SECTIONS.find((x) => x === a?.[1]);
  if (section) return { name: 'admin', section };
  if (path === '/metrics/lines') return { name: 'lineMetrics' };
  if (path === '/reports/sla') return { name: 'slaReport' };
  const m = /^\/requests\/([^/]+)\/?$/.exec(path);
  if (m?.[1]) return { name: 'ticket', key: decodeURIComponent(m[1]) };
  return { name: 'notFound' };
}

export const ticketHref = (key: string) => `/requests/${encodeURIComponent(key)}`;

/** An onClick for <a href>: ordinary clicks stay in the SPA, modified clicks open a new tab as usual. */
export function linkHandler(to: string) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}
