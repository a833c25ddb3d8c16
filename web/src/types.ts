// The API shapes the SPA reads, one type per response; kept together so a server change shows up in one place.
/** The shapes of the tierdesk HTTP API as the SPA uses them. */

export const STATUSES = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold'];

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_TYPES = [
  'incident',
  'question',
  'service_request',
  'billing',
  'access_recovery',
  'vendor',
  'feedback',
  'security',
] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const CHANNELS = ['portal', 'api', 'phone', 'email', 'chat', 'monitoring'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Locale = 'ru' | 'en';

export interface Ref {
  id: string;
  name: string;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  kind: 'customer' | 'staff' | 'vendor' | 'integration';
  locale: Locale;
  organization: Ref | null;
  orgRole: 'member' | 'admin' | null;
  staffRole: 'agent' | 'duty_manager' | 'admin' | null;
  lines: Array<{ id: string; code: string }>;
  teams: Array<{ id: string; code: string; lineId: string; name: string }>;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface Meta {
  demo: boolean;
  version: string;
  demoAccounts?: Array<{ email: string; role: string; description: string }>;
}

export interface TicketSummary {
  id: string;
  key: string;
  subject: string;
  status: Status;
  priority: Priority;
  type: TicketType;
  channel: Channel;
  organization: Ref;
  requester: Ref;
  line: { id: string; code: string } | null;
  team: { id: string; code: string; name: string } | null;
  assignee: Ref | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Ticket extends TicketSummary {
  description: string;
  region: string | null;
  projectId: string | null;
  resourceIds: string[];
  catalogueItem: { id: string; nameEn: string; nameRu: string } | null;
  rating: number | null;
  resolvedAt: string | null;
  closedAt: string | null;
  firstResponseAt: string | null;
  allowedTransitions: Status[];
  watchers: Ref[];
}

export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
}

export interface SearchHit extends TicketSummary {
  rank: number;
  snippet: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  sizeBytes: number;
  contentType: string;
}

export interface TimelineMessage {
  kind: 'message';
  id: string;
  visibility: 'public' | 'internal';
  body: string;
  /** null for messages tierdesk itself wrote (e.g. asking for missing information). */
  author: { id: string; name: string; kind: string } | null;
  createdAt: string;
  attachments: Attachment[];
}

export interface TimelineEvent {
  kind: 'event';
  id: string;
  type: string;
  actor: Ref | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  data: unknown;
  createdAt: string;
}

export type TimelineItem = TimelineMessage | TimelineEvent;

export interface CatalogueItem {
  id: string;
  parentId: string | null;
  code: string;
  kind: string;
  nameEn: string;
  nameRu: string;
  /** what a request about this service usually is; the form pre-selects it */
  defaultType?: TicketType | null;
  defaultPriority?: Priority | null;
}

export interface Directory {
  lines: Array<{ id: string; code: string; nameEn: string; nameRu: string }>;
  teams: Array<{ id: string; code: string; lineId: string; nameEn: string; nameRu: string }>;
  agents: Array<{ id: string; name: string; lineCodes: string[] }>;
  organizations: Array<Ref & { projectIds?: string[]; users?: Array<Ref & { email?: string }> }>;
}

export interface TicketFilters {
  status?: Status[];
  lineId?: string;
  teamId?: string;
  /** a user id, 'me' or 'none' */
  assigneeId?: string;
  organizationId?: string;
  priority?: Priority;
  type?: TicketType;
  catalogueItemId?: string;
  createdFrom?: string;
  createdTo?: string;
}

export interface NewTicketInput {
  subject: string;
  description: string;
  type?: TicketType;
  priority?: Priority;
  catalogueItemId?: string;
  region?: string;
  projectId?: string;
  resourceIds?: string[];
  channel?: Channel;
  organizationId?: string;
  requesterId?: string;
}

export interface TicketPatch {
  subject?: string;
  priority?: Priority;
  type?: TicketType;
  lineId?: string;
  teamId?: string;
  assigneeId?: string | null;
  catalogueItemId?: string;
  region?: string;
  projectId?: string;
  resourceIds?: string[];
}

// ---- Support lines: escalation, hand-over, ownership, roster ----

export const REQUIREMENT_KEYS = ['project', 'region', 'resourceIds', 'timeWindow', 'errorText'] as const;
export type RequirementKey = (typeof REQUIREMENT_KEYS)[number];

export interface EscalationReason {
  id: string;
  code: string;
  nameEn: string;
  nameRu: string;
  active: boolean;
  sort: number;
}

export interface LineInfo {
  id: string;
  code: string;
  level: number;
  nameEn: string;
  nameRu: string;
  responsibilitiesEn: string;
  responsibilitiesRu: string;
  keepsCustomerContact: boolean;
  queue?: { open: number; unassigned: number };
}

export interface TeamInfo {
  id: string;
  lineId: string;
  lineCode: string;
  code: string;
  nameEn: string;
  nameRu: string;
  active: boolean;
  members: Array<{ userId: string; name: string; isLead: boolean; capacity: number }>;
}

export interface EscalateInput {
  toLineCode?: string;
  toTeamId?: string;
  reasonCode: string;
  reasonText?: string;
  handover: { checked: string; found: string; toldCustomer: string };
}

export interface ReturnInput {
  toLineCode?: string;
  toTeamId?: string;
  instructions: string;
}

export interface Handover {
  id: string;
  kind: 'escalation' | 'return';
  fromLine: string | null;
  fromTeam: string | null;
  toLine: string;
  toTeam: string | null;
  reason: { code: string; name: string } | null;
  reasonText: string;
  checked: string;
  found: string;
  toldCustomer: string;
  instructions: string;
  actor: Ref | null;
  createdAt: string;
}

interface OwnerSide {
  line: { id: string; code: string } | null;
  teamId: string | null;
  agentId: string | null;
}

export interface Ownership {
  specialistsEngaged: boolean;
  customerFacing?: OwnerSide;
  working?: OwnerSide & { since: string };
  escalations?: number;
  returns?: number;
  returnedAt?: string | null;
}

export interface ManagerEscalation {
  id: string;
  reason: string;
  status: 'open' | 'acknowledged';
  managerId: string | null;
  createdAt: string;
}

export interface RosterEntry {
  shiftId: string;
  line: string;
  team: { id: string; code: string };
  agent: Ref;
  startsAt: string;
  endsAt: string;
  startsLocal: string;
  endsLocal: string;
  handedOver: boolean;
}

export interface Roster {
  at: string;
  deskTimeZone: string;
  localTime: string;
  onShift: RosterEntry[];
}

export type NewShiftInput =
  | { teamId: string; userId: string; startsAt: string; endsAt: string }
  | { teamId: string; userId: string; date: string; from: string; to: string };

export interface Shift {
  id: string;
  teamId: string;
  userId: string;
  startsAt: string;
  endsAt: string;
}

// ---- SLA: clocks on a request, compliance reports ----

export type SlaClockState = 'idle' | 'running' | 'paused' | 'met' | 'breached' | 'stopped' | 'cancelled';
export type SlaEventKind = 'started' | 'paused' | 'resumed' | 'stopped' | 'cancelled' | 'reopened' | 'retargeted' | 'recomputed' | 'warned' | 'breached' | 'met';

export interface SlaTimelineEntry {
  at: string;
  kind: SlaEventKind;
  note: string;
  by: string | null;
  reason: string | null;
  elapsedMs: number;
  targetMs: number | null;
  dueAt: string | null;
  fraction: number | null;
}

export interface SlaClock {
  /** first_response, next_response, resolution, vendor or ola:<line code> */
  metric: string;
  cycle: number;
  state: SlaClockState;
  counting: boolean;
  plan: string;
  priority: string;
  calendar: '24x7' | 'business-hours';
  targetMs: number | null;
  elapsedMs: number;
  pausedMs: number;
  remainingMs: number | null;
  percent: number | null;
  startedAt: string | null;
  stoppedAt: string | null;
  dueAt: string | null;
  breachedAt: string | null;
  breachRecordedAt: string | null;
  warnings: Array<{ fraction: number; dueAt: string | null; firedAt: string | null; recordedAt: string | null }>;
  timeline: SlaTimelineEntry[];
}

export interface TicketSla {
  key: string;
  plan: string;
  timeZone: string;
  evaluatedAt: string;
  clocks: SlaClock[];
}

export const SLA_GROUP_BY = ['plan', 'priority', 'line', 'team'] as const;
export type SlaGroupBy = (typeof SLA_GROUP_BY)[number];

export interface SlaMetricStats {
  total: number;
  met: number;
  breached: number;
  open: number;
  /** Cancelled before a breach (the request moved to a service without SLA): neither met nor breached. */
  cancelled: number;
  percentMet: number | null;
  medianMs: number | null;
  p95Ms: number | null;
}

export interface SlaReport {
  from: string;
  to: string;
  groupBy: SlaGroupBy;
  groups: Array<{ group: string; firstResponse: SlaMetricStats | null; resolution: SlaMetricStats | null }>;
  breaches: Array<{ key: string; metric: string; dueAt: string; recordedAt: string; reason: string }>;
}

// ---- Administration of lines, teams, reasons, routing rules; queue views; line metrics ----

export interface TeamAdmin extends TeamInfo {
  confidential: boolean;
  autoAssign: boolean;
  defaultCapacity: number;
  skills: string[];
}

export interface LineInput {
  code?: string;
  level?: number;
  nameEn?: string;
  nameRu?: string;
  responsibilitiesEn?: string;
  responsibilitiesRu?: string;
  keepsCustomerContact?: boolean;
}

export interface TeamInput {
  lineId?: string;
  code?: string;
  nameEn?: string;
  nameRu?: string;
  confidential?: boolean;
  autoAssign?: boolean;
  defaultCapacity?: number;
  active?: boolean;
  skills?: string[];
}

export interface ReasonInput {
  code?: string;
  nameEn?: string;
  nameRu?: string;
  active?: boolean;
  sort?: number;
}

export interface RuleConditions {
  types?: TicketType[];
  catalogueItemCodes?: string[];
  priorities?: Priority[];
  organizationIds?: string[];
  planCodes?: string[];
  channels?: Channel[];
  regions?: string[];
  text?: string[];
}

export interface RuleActions {
  lineCode?: string;
  teamCode?: string;
  priority?: Priority;
  tags?: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  enabled?: boolean;
  when: RuleConditions;
  then: RuleActions;
}

export interface RuleSetVersion {
  version: number;
  comment: string;
  author: Ref | null;
  createdAt: string;
  ruleCount: number;
}

export interface RuleSetView extends RuleSetVersion {
  rules: RoutingRule[];
}

export interface DryRunRequest {
  type: TicketType;
  catalogueItemId?: string;
  priority?: Priority;
  channel?: Channel;
  region?: string;
  subject?: string;
  description?: string;
}

export interface DryRunInput {
  key?: string;
  request?: DryRunRequest;
  rules?: RoutingRule[];
}

export interface DryRunResult {
  ruleSetVersion: number | null;
  matchedRule: { index: number; id: string; name: string } | null;
  decision: {
    line: { id: string; code: string } | null;
    team: { id: string; code: string } | null;
    priority: Priority | null;
    tags: string[];
    source: 'rule' | 'catalogue' | 'fallback';
  };
  explanation: Array<{
    index: number;
    ruleId: string;
    name: string;
    enabled: boolean;
    matched: boolean;
    checks: Array<{ condition: string; expected: unknown; actual: unknown; ok: boolean }>;
    why: string;
  }>;
  facts: Record<string, unknown>;
}

export const QUEUE_VIEWS = ['mine', 'unassigned-in-my-teams', 'returned-to-me', 'escalated-by-me'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export interface QueueCounts {
  lines: Array<{ id: string; code: string; open: number; unassigned: number }>;
  teams: Array<{ id: string; code: string; name: string; lineCode: string; open: number; unassigned: number }>;
  views: Array<{ view: QueueView; count: number }>;
}

export interface QueueViewPage {
  view: QueueView;
  items: TicketSummary[];
  nextCursor: string | null;
}

export type ReportScope = 'all' | 'line' | 'team';

export interface LineFlowRow {
  scope: ReportScope;
  line: string | null;
  team: string | null;
  exits: number;
  escalations: number;
  escalationRate: number | null;
  returns: number;
  resolved: number;
  firstLineResolved: number;
  firstLineResolutionRate: number | null;
  medianMsAtLine: number | null;
  p90MsAtLine: number | null;
}

export interface LineReport {
  from: string;
  to: string;
  lineCode: string | null;
  generatedAt: string;
  flow: LineFlowRow[];
  escalationReasons: Array<{ line: string | null; reason: string; escalations: number; shareOfEscalations: number | null; rate: number | null }>;
  backlogNow: Array<{ scope: ReportScope; line: string | null; team: string | null; open: number; unassigned: number }>;
  backlogDaily: Array<{ date: string; line: string | null; open: number }>;
}
