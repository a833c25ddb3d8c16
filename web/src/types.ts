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
  author: { id: string; name: string; kind: string };
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
