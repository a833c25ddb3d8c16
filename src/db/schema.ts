// Row types of every table, one interface per table, grouped by the migration that made them; kept in one
// file because Kysely needs the whole DB interface in one place (later groups merge into earlier ones).
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

// ---- Support lines (migration 0003_lines). Declaration merging adds the new columns and tables to the
// interfaces above without reordering them.

export type EscalationRequirement = 'project' | 'region' | 'resourceIds' | 'timeWindow' | 'errorText';

export interface LinesTable {
  /** null = default: only the first line keeps customer contact. */
  keeps_customer_contact: boolean | null;
}

export interface TeamsTable {
  auto_assign: Generated<boolean>;
  default_capacity: Generated<number>;
  active: Generated<boolean>;
}

export interface CatalogueItemsTable {
  /** null = not set by an admin: the seeded default for the item's code, else the default for the type. */
  escalation_requirements: string[] | null;
}

export interface EscalationReasonsTable {
  id: Generated<string>;
  code: string;
  name_en: string;
  name_ru: string;
  active: Generated<boolean>;
  sort: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TicketOwnershipTable {
  ticket_id: string;
  customer_line_id: string | null;
  customer_team_id: string | null;
  customer_agent_id: string | null;
  line_entered_at: Timestamp;
  escalations: Generated<number>;
  returns: Generated<number>;
  returned_at: NullableTimestamp;
}

export interface TicketHandoversTable {
  id: Generated<string>;
  ticket_id: string;
  kind: 'escalation' | 'return';
  from_line_id: string | null;
  from_team_id: string | null;
  to_line_id: string;
  to_team_id: string | null;
  reason_id: string | null;
  reason_text: Generated<string>;
  checked: Generated<string>;
  found: Generated<string>;
  told_customer: Generated<string>;
  instructions: Generated<string>;
  actor_id: string | null;
  from_entered_at: Timestamp;
  created_at: Generated<Date>;
}

export interface ManagerEscalationsTable {
  id: Generated<string>;
  ticket_id: string;
  reason: string;
  raised_by_id: string | null;
  manager_id: string | null;
  status: Generated<'open' | 'acknowledged'>;
  created_at: Generated<Date>;
  acknowledged_at: NullableTimestamp;
  acknowledged_by_id: string | null;
}

export interface TicketTagsTable {
  ticket_id: string;
  tag: string;
}

export interface AgentProfilesTable {
  user_id: string;
  capacity: number | null;
  last_assigned_at: NullableTimestamp;
}

export interface TeamSkillsTable {
  team_id: string;
  catalogue_item_id: string;
}

export interface AgentSkillsTable {
  user_id: string;
  catalogue_item_id: string;
}

export interface ShiftsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  handed_over_at: NullableTimestamp;
  handover_to_id: string | null;
  handover_notes: Generated<string>;
  created_by_id: string | null;
  created_at: Generated<Date>;
}

export interface RoutingRuleSetsTable {
  version: number;
  rules: Json<unknown>;
  comment: Generated<string>;
  author_id: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  escalation_reasons: EscalationReasonsTable;
  ticket_ownership: TicketOwnershipTable;
  ticket_handovers: TicketHandoversTable;
  manager_escalations: ManagerEscalationsTable;
  ticket_tags: TicketTagsTable;
  agent_profiles: AgentProfilesTable;
  team_skills: TeamSkillsTable;
  agent_skills: AgentSkillsTable;
  shifts: ShiftsTable;
  routing_rule_sets: RoutingRuleSetsTable;
}

// ---- SLA engine (migration 0004_sla).

export interface SlaPlansTable {
  plan_code: string;
  name: Generated<string>;
  extends_code: string | null;
  calendar: '24x7' | 'business-hours' | null;
  calendar_by_priority: Json<Partial<Record<Priority, '24x7' | 'business-hours'>>>;
  targets: Json<Record<string, Partial<Record<Priority | 'any', number>>>>;
  attainment_goal: number | null;
  calendar_id: string | null;
  escalation: Json<unknown[]>;
  updated_at: Generated<Date>;
}

export interface SlaCalendarsTable {
  id: Generated<string>;
  name: string;
  organization_id: string | null;
  is_default: Generated<boolean>;
  week: Json<Record<string, Array<{ start: string; end: string }>>>;
  overrides: Json<Array<{ date: string; hours: Array<{ start: string; end: string }>; note?: string }>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SlaHolidaysTable {
  calendar_id: string;
  date: string;
  name: Generated<string>;
}

export interface SlaInternalTargetsTable {
  code: string;
  target_minutes: number;
  calendar: Generated<'24x7' | 'business-hours'>;
  updated_at: Generated<Date>;
}

export type SlaClockState = 'idle' | 'running' | 'paused' | 'met' | 'breached' | 'stopped' | 'cancelled';

export interface SlaClocksTable {
  ticket_id: string;
  metric: string;
  cycle: Generated<number>;
  state: SlaClockState;
  counting: Generated<boolean>;
  plan_code: string;
  priority: Priority;
  calendar: '24x7' | 'business-hours';
  target_ms: number | null;
  elapsed_ms: Generated<number>;
  paused_ms: Generated<number>;
  started_at: NullableTimestamp;
  due_at: NullableTimestamp;
  stopped_at: NullableTimestamp;
  breached_at: NullableTimestamp;
  timers: Json<Record<string, { at: number; job: string | null; done?: boolean }>>;
  updated_at: Generated<Date>;
}

export interface SlaClockEventsTable {
  id: Generated<number>;
  ticket_id: string;
  metric: string;
  cycle: Generated<number>;
  kind: 'start' | 'pause' | 'resume' | 'stop' | 'retarget' | 'cancel';
  at: Timestamp;
  reason: Generated<string>;
  actor_id: string | null;
  actor_kind: Generated<string>;
  target_ms: number | null;
}

export interface SlaMarksTable {
  ticket_id: string;
  metric: string;
  cycle: Generated<number>;
  point: string;
  due_at: Timestamp;
  recorded_at: Timestamp;
  event_id: number | null;
  snapshot: Json;
}

export interface DB {
  sla_plans: SlaPlansTable;
  sla_calendars: SlaCalendarsTable;
  sla_holidays: SlaHolidaysTable;
  sla_internal_targets: SlaInternalTargetsTable;
  sla_clocks: SlaClocksTable;
  sla_clock_events: SlaClockEventsTable;
  sla_marks: SlaMarksTable;
}

// ---- E-mail channel (migration 0005) ----

export type InboundEmailStatus = 'received' | 'processed' | 'ignored' | 'rejected' | 'failed';
export type OutboundEmailStatus = 'queued' | 'sent' | 'partial' | 'failed' | 'outbox' | 'held' | 'digested';

export interface InboundAttachment {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  inline: boolean;
}

export interface InboundEmailsTable {
  id: Generated<string>;
  received_at: Generated<Date>;
  remote_address: string | null;
  envelope_from: string | null;
  envelope_to: Generated<string[]>;
  message_id: string | null;
  in_reply_to: string | null;
  references_ids: Generated<string[]>;
  from_address: string | null;
  from_name: string | null;
  subject: Generated<string>;
  headers: Json<Record<string, string>>;
  body_text: Generated<string>;
  attachments: Json<InboundAttachment[]>;
  raw_key: string;
  raw_size: ColumnType<number, number, number>;
  status: InboundEmailStatus;
  outcome: string | null;
  error: string | null;
  ticket_id: string | null;
  sender_id: string | null;
  processed_at: NullableTimestamp;
}

export interface EmailThreadsTable {
  message_id: string;
  ticket_id: string;
  direction: 'in' | 'out';
  created_at: Generated<Date>;
}

export interface OutboundEmailsTable {
  id: Generated<string>;
  ticket_id: string;
  ticket_message_id: string | null;
  message_id: string | null;
  in_reply_to: string | null;
  references_ids: Generated<string[]>;
  from_address: string | null;
  to_addresses: Generated<string[]>;
  subject: Generated<string>;
  body_text: Generated<string>;
  status: OutboundEmailStatus;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface EmailDeliveriesTable {
  outbound_id: string;
  recipient: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  response: string | null;
  last_error: string | null;
  updated_at: Generated<Date>;
}

export interface DB {
  inbound_emails: InboundEmailsTable;
  email_threads: EmailThreadsTable;
  outbound_emails: OutboundEmailsTable;
  email_deliveries: EmailDeliveriesTable;
}

// ---- Service catalogue forms, form versions, the missing-information loop (migration 0007_catalogue_forms).

/** One version of a catalogue item's form; never updated (see src/modules/catalogue/form-fields.ts for `fields`). */
export interface CatalogueFormsTable {
  id: Generated<string>;
  catalogue_item_id: string;
  version: number;
  fields: Json<unknown[]>;
  comment: Generated<string>;
  created_by_id: string | null;
  created_at: Generated<Date>;
}

export interface CatalogueItemsTable {
  /** The current form version; null = no form. */
  form_id: string | null;
  description_en: Generated<string>;
  description_ru: Generated<string>;
  updated_at: Generated<Date>;
}

export interface TicketsTable {
  /** The form version the request was submitted with (null: none). */
  catalogue_form_id: string | null;
}

export interface DB {
  catalogue_forms: CatalogueFormsTable;
}

// ---- Knowledge base articles, versions, feedback; macros (migration 0008_knowledge).

export type KbKind = 'how_to' | 'typical_problem' | 'known_error';
export type KbStatus = 'draft' | 'published' | 'archived';
export type KbErrorStatus = 'investigating' | 'workaround_available' | 'fix_scheduled' | 'fixed';

export interface KbArticlesTable {
  id: Generated<string>;
  slug: string;
  kind: KbKind;
  visibility: Visibility;
  status: Generated<KbStatus>;
  title_en: string | null;
  body_en: string | null;
  title_ru: string | null;
  body_ru: string | null;
  symptoms_en: string | null;
  symptoms_ru: string | null;
  workaround_en: string | null;
  workaround_ru: string | null;
  error_status: KbErrorStatus | null;
  keywords: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface KbArticleItemsTable {
  article_id: string;
  catalogue_item_id: string;
}

export interface KbArticleVersionsTable {
  article_id: string;
  version: number;
  snapshot: Json;
  author_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface KbFeedbackTable {
  article_id: string;
  user_id: string;
  helpful: boolean;
  comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KbSuggestionSessionsTable {
  id: Generated<string>;
  user_id: string;
  organization_id: string | null;
  started_at: Timestamp;
  submitted_at: NullableTimestamp;
  ticket_id: string | null;
}

export interface KbSuggestionViewsTable {
  session_id: string;
  article_id: string;
  viewed_at: Timestamp;
}

export interface MacrosTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  line_id: string | null;
  team_id: string | null;
  actions: Json<unknown[]>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type KbArticle = Selectable<KbArticlesTable>;
export type Macro = Selectable<MacrosTable>;

export interface DB {
  kb_articles: KbArticlesTable;
  kb_article_items: KbArticleItemsTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_feedback: KbFeedbackTable;
  kb_suggestion_sessions: KbSuggestionSessionsTable;
  kb_suggestion_views: KbSuggestionViewsTable;
  macros: MacrosTable;
}

// ---- Notification templates, IMAP mailboxes (migration 0009_email_templates).

export interface NotificationTemplatesTable {
  name: string;
  locale: Locale;
  subject: string;
  body: string;
  updated_by_id: string | null;
  updated_at: Generated<Date>;
}

export interface ImapMessagesTable {
  mailbox: string;
  uid_validity: ColumnType<string, string | number | bigint, string | number | bigint>;
  uid: ColumnType<string, string | number | bigint, string | number | bigint>;
  message_id: string | null;
  inbound_id: string | null;
  stored_at: Generated<Date>;
  done_at: NullableTimestamp;
}

export interface OutboundEmailsTable {
  template: string | null;
  notification_key: string | null;
  template_vars: Json<Record<string, unknown>>;
}

export interface DB {
  notification_templates: NotificationTemplatesTable;
  imap_messages: ImapMessagesTable;
}

// ---- Classifier models, suggestions, overrides (migration 0010_classifier).

export interface ClassifierModelsTable {
  id: Generated<number>;
  created_at: Generated<Date>;
  created_by: string | null;
  source: 'default' | 'trained';
  training_size: number;
  accuracy: number | null;
  macro_f1: number | null;
  evaluation: Json<Record<string, { accuracy: number; macroF1: number; folds: number; n: number }>>;
  params: Buffer;
  active: Generated<boolean>;
  activated_at: Date | null;
  note: string | null;
}

export interface TicketClassificationsTable {
  ticket_id: string;
  target: 'type' | 'catalogue' | 'priority' | 'line';
  label: string;
  confidence: number;
  explanation: Json<Array<{ term: string; weight: number }>>;
  rule: string | null;
  model_id: number | null;
  applied: Generated<boolean>;
  decision: 'accepted' | 'overridden' | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

export interface ClassifierOverridesTable {
  id: Generated<string>;
  ticket_id: string;
  created_at: Generated<Date>;
  created_by: string | null;
  text: string;
  labels: Json<Record<string, string>>;
  suggested: Json<Record<string, string>>;
}

export interface DB {
  classifier_models: ClassifierModelsTable;
  ticket_classifications: TicketClassificationsTable;
  classifier_overrides: ClassifierOverridesTable;
}

// ---- Similar requests, duplicates, mass-outage flags (migration 0011_similarity).

export type TicketLinkKind = 'duplicate_of' | 'related';
export type MassOutageStatus = 'suspected' | 'acknowledged' | 'dismissed';

export interface TicketsTable {
  /** The mass-outage cluster the request is flagged with (null when none, or the cluster was dismissed). */
  mass_outage_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TicketLinksTable {
  id: Generated<string>;
  /** For duplicate_of: the duplicate. */
  ticket_id: string;
  /** For duplicate_of: the original. */
  target_id: string;
  kind: TicketLinkKind;
  created_by_id: string | null;
  created_at: Generated<Date>;
}

export interface SimilarCandidatesTable {
  ticket_id: string;
  candidate_id: string;
  score: number;
  duplicate: Generated<boolean>;
  reasons: Json;
  created_at: Generated<Date>;
}

export interface MassOutagesTable {
  id: Generated<string>;
  catalogue_item_id: string | null;
  region: string | null;
  status: Generated<MassOutageStatus>;
  organization_count: Generated<number>;
  ticket_count: Generated<number>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  acknowledged_at: NullableTimestamp;
  acknowledged_by_id: string | null;
  dismissed_at: NullableTimestamp;
  dismissed_by_id: string | null;
  note: Generated<string>;
}

export interface MassOutageTicketsTable {
  mass_outage_id: string;
  ticket_id: string;
  organization_id: string;
  added_at: Generated<Date>;
}

export interface DB {
  ticket_links: TicketLinksTable;
  similar_candidates: SimilarCandidatesTable;
  mass_outages: MassOutagesTable;
  mass_outage_tickets: MassOutageTicketsTable;
}

// ---- SLA targets per request type, services without SLA (migration 0012_sla_admin).

export interface SlaPlansTable {
  type_targets: Json<Record<string, Record<string, Partial<Record<Priority | 'any', number>>>>>;
}

export interface CatalogueItemsTable {
  sla_exempt: Generated<boolean>;
}

// ---- Maintained queue counters (migration 0013_queue_counters).

export interface QueueCountsTable {
  line_id: string | null;
  team_id: string | null;
  confidential: boolean;
  assigned: boolean;
  n: string;
}

export interface QueueCountDeltasTable {
  id: Generated<string>;
  line_id: string | null;
  team_id: string | null;
  confidential: boolean;
  assigned: boolean;
  n: number;
}

export interface ActiveEscalationsTable {
  actor_id: string;
  ticket_id: string;
}

export interface DB {
  queue_counts: QueueCountsTable;
  queue_count_deltas: QueueCountDeltasTable;
  active_escalations: ActiveEscalationsTable;
}

// ---- SLA notification digests (migration 0015_sla_mail_digest).

export interface NotificationWindowsTable {
  address: string;
  window_start: Date;
  sent: number;
}

export interface DB {
  notification_windows: NotificationWindowsTable;
}
