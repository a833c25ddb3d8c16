/** API calls and types of the knowledge base (articles, versions, feedback, suggestions) and macros. */
import { request } from '../api';

export type KbKind = 'how_to' | 'typical_problem' | 'known_error';
export type KbStatus = 'draft' | 'published' | 'archived';
export type KbErrorStatus = 'investigating' | 'workaround_available' | 'fix_scheduled' | 'fixed';
export const KB_KINDS: readonly KbKind[] = ['how_to', 'typical_problem', 'known_error'];
export const KB_STATUSES: readonly KbStatus[] = ['draft', 'published', 'archived'];
export const KB_ERROR_STATUSES: readonly KbErrorStatus[] = ['investigating', 'workaround_available', 'fix_scheduled', 'fixed'];

export interface ArticleSummary {
  id: string;
  slug: string;
  kind: KbKind;
  visibility: 'public' | 'internal';
  status: KbStatus;
  titleEn: string | null;
  titleRu: string | null;
  excerpt: string;
  errorStatus: KbErrorStatus | null;
  version: number;
  updatedAt: string;
  feedback?: { helpful: number; notHelpful: number };
}

export interface Article extends Omit<ArticleSummary, 'excerpt'> {
  bodyEn: string | null;
  bodyRu: string | null;
  symptomsEn: string | null;
  symptomsRu: string | null;
  workaroundEn: string | null;
  workaroundRu: string | null;
  keywords?: string;
  catalogueItems: Array<{ id: string; code: string; nameEn: string; nameRu: string }>;
  createdAt: string;
  updatedBy?: { id: string; name: string } | null;
  myFeedback: { helpful: boolean; comment: string | null } | null;
}

export interface ArticleInput {
  slug?: string;
  kind?: KbKind;
  visibility?: 'public' | 'internal';
  status?: KbStatus;
  titleEn?: string | null;
  titleRu?: string | null;
  bodyEn?: string | null;
  bodyRu?: string | null;
  symptomsEn?: string | null;
  symptomsRu?: string | null;
  workaroundEn?: string | null;
  workaroundRu?: string | null;
  errorStatus?: KbErrorStatus | null;
  keywords?: string;
  catalogueItemIds?: string[];
  note?: string;
}

export interface ArticleVersion {
  version: number;
  note: string | null;
  createdAt: string;
  author: { id: string; name: string } | null;
  titleEn: string | null;
  titleRu: string | null;
  status: string;
}

export interface Suggestion {
  id: string;
  slug: string;
  kind: KbKind;
  visibility: 'public' | 'internal';
  title: string;
  excerpt: string;
  language: 'en' | 'ru';
  score: number;
  catalogueMatch: boolean;
}

export interface FeedbackSummary {
  helpful: number;
  notHelpful: number;
  comments: Array<{ helpful: boolean; comment: string; at: string; user: { id: string; name: string; kind: string } }>;
}

export interface Deflection {
  from: string;
  to: string;
  sessions: number;
  sessionsWithViews: number;
  submitted: number;
  deflected: number;
  undecided: number;
  deflectionRate: number;
  articles: Array<{ slug: string; titleEn: string | null; titleRu: string | null; views: number; deflected: number }>;
}

export interface MacroActions {
  set?: { priority?: string; type?: string; teamId?: string; tags?: string[] };
  message?: { visibility: 'public' | 'internal'; body: string };
  status?: string;
}

export interface Macro {
  id: string;
  name: string;
  description: string;
  lineId: string | null;
  teamId: string | null;
  actions: MacroActions;
  active: boolean;
  updatedAt: string;
}

export interface MacroInput {
  name?: string;
  description?: string;
  lineId?: string | null;
  teamId?: string | null;
  actions?: MacroActions;
  active?: boolean;
}

export interface MacroPreview {
  macro: { id: string; name: string };
  ticketVersion: number;
  changes: Record<string, { from: unknown; to: unknown }>;
  message: { visibility: 'public' | 'internal'; body: string } | null;
  status: { from: string; to: string } | null;
  problems: Array<{ field: string; message: string }>;
  applicable: boolean;
}

const qs = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
const art = (slug: string) => `/api/knowledge/articles/${encodeURIComponent(slug)}`;

export const kbApi = {
  list: (params: { q?: string; kind?: string; visibility?: string; status?: string; limit?: number } = {}) =>
    request<{ items: ArticleSummary[] }>(`/api/knowledge/articles${qs({ limit: 100, ...params })}`),
  get: (slug: string) => request<Article>(art(slug)),
  create: (input: ArticleInput) => request<Article>('/api/knowledge/articles', { method: 'POST', body: input }),
  update: (slug: string, version: number, input: ArticleInput) => request<Article>(art(slug), { method: 'PATCH', body: input, headers: { 'if-match': `"${version}"` } }),
  remove: (slug: string) => request<void>(art(slug), { method: 'DELETE' }),
  versions: (slug: string) => request<{ current: number; items: ArticleVersion[] }>(`${art(slug)}/versions`),
  restore: (slug: string, version: number) => request<Article>(`${art(slug)}/versions/${version}/restore`, { method: 'POST' }),
  feedback: (slug: string) => request<FeedbackSummary>(`${art(slug)}/feedback`),
  giveFeedback: (slug: string, helpful: boolean, comment?: string) => request<unknown>(`${art(slug)}/feedback`, { method: 'PUT', body: { helpful, ...(comment ? { comment } : {}) } }),
  suggest: (input: { subject: string; description: string; catalogueItemId?: string; sessionId?: string }) =>
    request<{ sessionId: string | null; items: Suggestion[] }>('/api/knowledge/suggest', { method: 'POST', body: input }),
  recordView: (sessionId: string, slug: string) => request<void>(`/api/knowledge/suggest/sessions/${sessionId}/views`, { method: 'POST', body: { slug } }),
  deflection: () => request<Deflection>('/api/knowledge/deflection'),
  ticketSuggestions: (key: string) => request<{ language: 'en' | 'ru'; items: Suggestion[] }>(`/api/tickets/${encodeURIComponent(key)}/article-suggestions`),
};

export const macroApi = {
  list: (all = false) => request<{ items: Macro[] }>(`/api/macros${all ? '?all=true' : ''}`),
  create: (input: MacroInput) => request<Macro>('/api/macros', { method: 'POST', body: input }),
  update: (id: string, input: MacroInput) => request<Macro>(`/api/macros/${id}`, { method: 'PATCH', body: input }),
  remove: (id: string) => request<void>(`/api/macros/${id}`, { method: 'DELETE' }),
  preview: (key: string, id: string) => request<MacroPreview>(`/api/tickets/${encodeURIComponent(key)}/macros/${id}/preview`, { method: 'POST' }),
  apply: (key: string, id: string, version: number) =>
    request<unknown>(`/api/tickets/${encodeURIComponent(key)}/macros/${id}/apply`, { method: 'POST', headers: { 'if-match': `"${version}"` } }),
};

/** The text an agent inserts into a reply: title, body in the wanted language (or the other one), link. */
export function articleReplyText(a: Pick<Article, 'slug' | 'titleEn' | 'titleRu' | 'bodyEn' | 'bodyRu' | 'visibility'>, lang: 'en' | 'ru'): string {
  const l = (lang === 'en' ? a.titleEn : a.titleRu) ? lang : lang === 'en' ? 'ru' : 'en';
  const title = (l === 'en' ? a.titleEn : a.titleRu) ?? '';
  const body = (l === 'en' ? a.bodyEn : a.bodyRu) ?? '';
  const link = a.visibility === 'public' ? `\n${window.location.origin}/help/${a.slug}` : '';
  return `${title}\n\n${body}${link}`;
}

/** ArticleSuggestions asks the reply box to insert text through this event (they are siblings on the page). */
export const INSERT_EVENT = 'tierdesk:kb-insert';
export function requestInsert(text: string) {
  window.dispatchEvent(new CustomEvent<string>(INSERT_EVENT, { detail: text }));
}
