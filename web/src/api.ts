import type {
  CatalogueItem,
  Directory,
  EscalateInput,
  EscalationReason,
  Handover,
  LineInfo,
  ManagerEscalation,
  NewShiftInput,
  Ownership,
  ReturnInput,
  Roster,
  Shift,
  SlaGroupBy,
  SlaReport,
  TicketSla,
  TeamInfo,
  Meta,
  NewTicketInput,
  SearchHit,
  Session,
  Status,
  Ticket,
  TicketFilters,
  TicketPage,
  TicketPatch,
  TimelineItem,
  DryRunInput,
  DryRunResult,
  LineInput,
  LineReport,
  QueueCounts,
  QueueView,
  QueueViewPage,
  ReasonInput,
  RoutingRule,
  RuleSetVersion,
  RuleSetView,
  TeamAdmin,
  TeamInput,
} from './types';

/** A failed API call, carrying the server's error body. status 0 means the network failed. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = undefined,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
  requestId?: unknown;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Called when a request made while signed in comes back 401 (the session expired or was revoked). */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

/** crypto.randomUUID exists only in secure contexts; plain-http intranet installs need the fallback. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** 401 is an expected answer here (sign-in, who-am-I): don't treat it as an expired session. */
  quiet401?: boolean;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const body = (json ?? {}) as ErrorBody;
    const code = typeof body.error?.code === 'string' ? body.error.code : `HTTP_${res.status}`;
    const message = typeof body.error?.message === 'string' ? body.error.message : res.statusText;
    const requestId = typeof body.requestId === 'string' ? body.requestId : null;
    if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
    throw new ApiError(res.status, code, message, body.error?.details, requestId);
  }
  return json as T;
}

function query(params: Record<string, string | number | string[] | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, item);
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const ticketPath = (key: string) => `/api/tickets/${encodeURIComponent(key)}`;
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

function remember(session: Session): Session {
  csrfToken = session.csrfToken;
  return session;
}

export const api = {
  meta: () => request<Meta>('/api/meta'),

  login: async (email: string, password: string) =>
    remember(await request<Session>('/api/auth/login', { method: 'POST', body: { email, password }, quiet401: true })),
  me: async () => remember(await request<Session>('/api/auth/me', { quiet401: true })),
  logout: async () => {
    try {
      await request<void>('/api/auth/logout', { method: 'POST', quiet401: true });
    } finally {
      csrfToken = null;
    }
  },

  listTickets: (filters: TicketFilters, cursor?: string | null, limit = 25) =>
    request<TicketPage>(`/api/tickets${query({ ...filters, cursor, limit })}`),
  search: (q: string, limit = 50) => request<{ items: SearchHit[] }>(`/api/search${query({ q, limit })}`),
  getTicket: (key: string) => request<Ticket>(ticketPath(key)),
  timeline: (key: string) => request<{ items: TimelineItem[] }>(`${ticketPath(key)}/timeline`),

  createTicket: (input: NewTicketInput, idempotencyKey: string) =>
    request<Ticket>('/api/tickets', { method: 'POST', body: input, headers: { 'idempotency-key': idempotencyKey } }),
  updateTicket: (key: string, version: number, patch: TicketPatch) =>
    request<Ticket>(ticketPath(key), { method: 'PATCH', body: patch, headers: ifMatch(version) }),
  addMessage: (key: string, body: string, visibility: 'public' | 'internal') =>
    request<unknown>(`${ticketPath(key)}/messages`, { method: 'POST', body: { body, visibility } }),
  changeStatus: (key: string, version: number, status: Status, comment?: string) =>
    request<Ticket>(`${ticketPath(key)}/status`, {
      method: 'POST',
      body: comment ? { status, comment } : { status },
      headers: ifMatch(version),
    }),
  reopen: (key: string, reason: string) => request<Ticket>(`${ticketPath(key)}/reopen`, { method: 'POST', body: { reason } }),
  rate: (key: string, rating: number, comment?: string) =>
    request<Ticket>(`${ticketPath(key)}/rate`, { method: 'POST', body: comment ? { rating, comment } : { rating } }),

  catalogue: () => request<{ items: CatalogueItem[] }>('/api/catalogue'),
  directory: () => request<Directory>('/api/directory'),

  escalate: (key: string, input: EscalateInput) => request<Ticket>(`${ticketPath(key)}/escalate`, { method: 'POST', body: input }),
  returnTicket: (key: string, input: ReturnInput) => request<Ticket>(`${ticketPath(key)}/return`, { method: 'POST', body: input }),
  handovers: (key: string) => request<{ items: Handover[] }>(`${ticketPath(key)}/handovers`),
  ownership: (key: string) => request<Ownership>(`${ticketPath(key)}/ownership`),
  take: (key: string) => request<Ticket>(`${ticketPath(key)}/take`, { method: 'POST' }),
  assign: (key: string, assigneeId: string | null) => request<Ticket>(`${ticketPath(key)}/assign`, { method: 'POST', body: { assigneeId } }),
  managerEscalate: (key: string, reason: string) =>
    request<ManagerEscalation>(`${ticketPath(key)}/manager-escalate`, { method: 'POST', body: { reason } }),
  escalationReasons: () => request<{ items: EscalationReason[] }>('/api/escalation-reasons'),
  lines: () => request<{ items: LineInfo[] }>('/api/lines'),
  teams: () => request<{ items: TeamInfo[] }>('/api/teams'),
  roster: (at?: string) => request<Roster>(`/api/lines/roster${query({ at })}`),
  addShift: (input: NewShiftInput) => request<Shift>('/api/lines/shifts', { method: 'POST', body: input }),

  ticketSla: (key: string) => request<TicketSla>(`${ticketPath(key)}/sla`),
  slaReport: (from: string, to: string, groupBy: SlaGroupBy) => request<SlaReport>(slaReportUrl(from, to, groupBy, 'json')),

  // Support-line administration, queue views, line metrics
  createLine: (input: LineInput) => request<{ id: string }>('/api/lines', { method: 'POST', body: input }),
  updateLine: (id: string, input: LineInput) => request<{ id: string }>(`/api/lines/${id}`, { method: 'PATCH', body: input }),
  adminTeams: () => request<{ items: TeamAdmin[] }>('/api/teams'),
  createTeam: (input: TeamInput) => request<{ id: string }>('/api/teams', { method: 'POST', body: input }),
  updateTeam: (id: string, input: TeamInput) => request<{ id: string }>(`/api/teams/${id}`, { method: 'PATCH', body: input }),
  putTeamMember: (teamId: string, userId: string, isLead: boolean) =>
    request<void>(`/api/teams/${teamId}/members/${userId}`, { method: 'PUT', body: { isLead } }),
  removeTeamMember: (teamId: string, userId: string) => request<void>(`/api/teams/${teamId}/members/${userId}`, { method: 'DELETE' }),
  updateAgent: (id: string, input: { capacity?: number | null; skills?: string[] }) =>
    request<void>(`/api/agents/${id}`, { method: 'PATCH', body: input }),
  allEscalationReasons: () => request<{ items: EscalationReason[] }>('/api/escalation-reasons?all=true'),
  createReason: (input: ReasonInput) => request<{ id: string }>('/api/escalation-reasons', { method: 'POST', body: input }),
  updateReason: (id: string, input: ReasonInput) => request<{ id: string }>(`/api/escalation-reasons/${id}`, { method: 'PATCH', body: input }),
  routingRules: () => request<RuleSetView>('/api/routing/rules'),
  saveRoutingRules: (rules: RoutingRule[], comment?: string) =>
    request<RuleSetView>('/api/routing/rules', { method: 'PUT', body: comment ? { rules, comment } : { rules } }),
  routingVersions: () => request<{ items: RuleSetVersion[] }>('/api/routing/rules/versions'),
  routingVersion: (version: number) => request<RuleSetView>(`/api/routing/rules/versions/${version}`),
  dryRun: (input: DryRunInput) => request<DryRunResult>('/api/routing/dry-run', { method: 'POST', body: input }),
  queueCounts: () => request<QueueCounts>('/api/queues'),
  queueView: (view: QueueView, cursor?: string | null, limit = 25) => request<QueueViewPage>(`/api/queues/${view}${query({ cursor, limit })}`),
  lineReport: (from: string, to: string, lineCode?: string) => request<LineReport>(`/api/reports/lines${query({ from, to, lineCode })}`),
  lineReportCsvHref: (from: string, to: string, lineCode?: string) => `/api/reports/lines${query({ from, to, lineCode, format: 'csv' })}`,
};

/** The SLA report's address; format=csv is a plain download link (the session cookie authorises it). */
export function slaReportUrl(from: string, to: string, groupBy: SlaGroupBy, format: 'json' | 'csv'): string {
  return `/api/reports/sla${query({ from, to, groupBy, format })}`;
}
