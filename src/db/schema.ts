import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;

export type TicketType =
  | 'incident'
  | 'question'
  | 'service_request'
  | 'billing'
  | 'access_recovery'
  | 'vendor'
  | 'feedback'
  | 'security';
export type Priority = 'critical' | 'high' | 'medium' | 'low';
export type TicketStatus = 'new' | 'open' | 'pending_customer' | 'pending_vendor' | 'on_hold' | 'resolved' | 'closed';
export type Channel = 'portal' | 'api' | 'phone' | 'email' | 'chat' | 'monitoring';
export type UserKind = 'customer' | 'staff' | 'vendor' | 'integration';
export type StaffRole = 'agent' | 'duty_manager' | 'admin';
export type OrgRole = 'member' | 'admin';
export type Visibility = 'public' | 'internal';
export type Locale = 'ru' | 'en';

export interface SupportPlansTable {
  id: Generated<string>;
  code: string;
  name_en: string;
  name_ru: string;
  description_en: Generated<string>;
  description_ru: Generated<string>;
  created_at: Generated<Date>;
}

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  support_plan_id: string | null;
  language: Generated<Locale>;
  time_zone: Generated<string>;
  created_at: Generated<Date>;
}

export interface OrganizationProjectsTable {
  project_id: string;
  organization_id: string;
  name: Generated<string>;
}

export interface VendorsTable {
  id: Generated<string>;
  name: string;
  product: Generated<string>;
  created_at: Generated<Date>;
}

export interface LinesTable {
  id: Generated<string>;
  code: string;
  level: number;
  name_en: string;
  name_ru: string;
  responsibilities_en: Generated<string>;
  responsibilities_ru: Generated<string>;
}

export interface TeamsTable {
  id: Generated<string>;
  line_id: string;
  code: string;
  name_en: string;
  name_ru: string;
  confidential: Generated<boolean>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  kind: UserKind;
  organization_id: string | null;
  org_role: OrgRole | null;
  vendor_id: string | null;
  staff_role: StaffRole | null;
  password_hash: string | null;
  locale: Generated<Locale>;
  time_zone: Generated<string>;
  is_demo: Generated<boolean>;
  disabled_at: NullableTimestamp;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface LineMembersTable {
  line_id: string;
  user_id: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  is_lead: Generated<boolean>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: string[];
  created_at: Generated<Date>;
  expires_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  bucket: string;
  at: Generated<Date>;
  success: boolean;
}

export interface CatalogueItemsTable {
  id: Generated<string>;
  parent_id: string | null;
  code: string;
  kind: 'service_type' | 'category' | 'group' | 'service';
  name_en: string;
  name_ru: string;
  default_type: TicketType | null;
  default_priority: Priority | null;
  default_line_id: string | null;
  default_team_id: string | null;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface TicketsTable {
  id: Generated<string>;
  number: Generated<number>;
  key: Generated<string>;
  organization_id: string;
  requester_id: string;
  created_by_id: string;
  subject: string;
  description: string;
  type: TicketType;
  priority: Priority;
  status: TicketStatus;
  channel: Channel;
  catalogue_item_id: string | null;
  region: string | null;
  project_id: string | null;
  resource_ids: Generated<string[]>;
  fields: Json;
  line_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  vendor_id: string | null;
  confidential: Generated<boolean>;
  rating: number | null;
  rating_comment: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  idents: Generated<string>;
  search_all: Generated<string>;
  search_public: Generated<string>;
}

export interface TicketMessagesTable {
  id: Generated<string>;
  ticket_id: string;
  author_id: string | null;
  visibility: Visibility;
  body: string;
  source: Generated<string>;
  created_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  ticket_id: string;
  message_id: string | null;
  visibility: Generated<Visibility>;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by_id: string | null;
  created_at: Generated<Date>;
}

export interface TicketWatchersTable {
  ticket_id: string;
  user_id: string;
  added_by_id: string | null;
  created_at: Generated<Date>;
}

export interface EventsTable {
  id: Generated<number>;
  type: string;
  ticket_id: string | null;
  organization_id: string | null;
  actor_id: string | null;
  visibility: Generated<Visibility>;
  changes: Json;
  data: Json;
  created_at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  key: string;
  scope: string;
  request_hash: string;
  resource_id: string;
  created_at: Generated<Date>;
}

export interface WebhooksTable {
  id: Generated<string>;
  url: string;
  secret: string;
  event_types: string[];
  active: Generated<boolean>;
  description: Generated<string>;
  created_by_id: string | null;
  created_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: NullableTimestamp;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

export interface DB {
  support_plans: SupportPlansTable;
  organizations: OrganizationsTable;
  organization_projects: OrganizationProjectsTable;
  vendors: VendorsTable;
  lines: LinesTable;
  teams: TeamsTable;
  users: UsersTable;
  line_members: LineMembersTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  catalogue_items: CatalogueItemsTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  attachments: AttachmentsTable;
  ticket_watchers: TicketWatchersTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  settings: SettingsTable;
}

export type Ticket = Selectable<TicketsTable>;
export type NewTicket = Insertable<TicketsTable>;
export type TicketUpdate = Updateable<TicketsTable>;
export type User = Selectable<UsersTable>;
export type EventRow = Selectable<EventsTable>;
