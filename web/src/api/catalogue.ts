/** API calls and types of the service catalogue: forms, form values of a request, administration. */
import { request } from '../api';

export const FIELD_TYPES = ['string', 'text', 'number', 'choice', 'multi_choice', 'project_id', 'region', 'uuid', 'ip', 'time_window', 'datetime', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const REQUIRED_LEVELS = ['submit', 'escalation', 'optional'] as const;
export type RequiredLevel = (typeof REQUIRED_LEVELS)[number];
export type CatalogueKind = 'service_type' | 'category' | 'group' | 'service';

export interface FieldOption {
  value: string;
  labelEn: string;
  labelRu: string;
}

export interface FieldDefinition {
  name: string;
  type: FieldType;
  labelEn: string;
  labelRu: string;
  helpEn: string;
  helpRu: string;
  required: RequiredLevel;
  options?: FieldOption[];
  min?: number;
  max?: number;
  integer?: boolean;
  maxLength?: number;
}

/** A field as the portal renders it: `path` says where the value goes (projectId, region, resourceIds or fields.<name>). */
export interface FormField extends FieldDefinition {
  path: string;
}

export interface Region {
  value: string;
  nameEn: string;
  nameRu: string;
}

export interface ItemForm {
  item: { id: string; code: string; kind: CatalogueKind; nameEn: string; nameRu: string; descriptionEn: string; descriptionRu: string };
  form: { id: string; version: number } | null;
  fields: FormField[];
  regions: Region[];
}

export interface MissingItem {
  key: string;
  labelEn: string;
  labelRu: string;
  helpEn: string;
  helpRu: string;
}

export interface TicketForm {
  ticketKey: string;
  status: string;
  version: number;
  catalogueItem: { id: string; code: string; nameEn: string; nameRu: string } | null;
  form: { id: string; version: number; latestVersion: number } | null;
  fields: Array<FormField & { value: unknown }>;
  missing: MissingItem[];
  regions: Region[];
}

export type Scalar = string | number | boolean | null;

export interface TicketFormPatch {
  fields?: Record<string, Scalar>;
  projectId?: string | null;
  region?: string | null;
  resourceIds?: string[];
  version?: number;
}

export interface SearchHit {
  id: string;
  code: string;
  nameEn: string;
  nameRu: string;
  pathEn: string[];
  pathRu: string[];
}

export interface AdminItem {
  id: string;
  parentId: string | null;
  code: string;
  kind: CatalogueKind;
  nameEn: string;
  nameRu: string;
  descriptionEn: string;
  descriptionRu: string;
  defaultType: string | null;
  defaultPriority: string | null;
  defaultLineId: string | null;
  defaultTeamId: string | null;
  escalationRequirements: string[] | null;
  active: boolean;
  sort: number;
  formVersion: number | null;
  fieldCount: number;
}

export type ItemInput = Partial<Omit<AdminItem, 'id' | 'formVersion' | 'fieldCount' | 'escalationRequirements'>>;

export interface FormVersion {
  id: string;
  itemId: string;
  version: number;
  fields: FieldDefinition[];
  comment: string;
  createdAt: string;
  createdBy: string | null;
}

export interface FormHistory {
  currentFormId: string | null;
  versions: FormVersion[];
  events: Array<{ id: number; type: string; changes: unknown; data: unknown; at: string; actorName: string | null }>;
}

const ticketPath = (key: string) => `/api/tickets/${encodeURIComponent(key)}`;

export const catalogueApi = {
  search: (q: string) => request<{ items: SearchHit[] }>(`/api/catalogue/search?q=${encodeURIComponent(q)}`),
  itemForm: (id: string) => request<ItemForm>(`/api/catalogue/items/${id}/form`),
  ticketForm: (key: string) => request<TicketForm>(`${ticketPath(key)}/form`),
  updateTicketForm: (key: string, patch: TicketFormPatch) => request<TicketForm>(`${ticketPath(key)}/form`, { method: 'PATCH', body: patch }),
  askCustomer: (key: string) => request<TicketForm>(`${ticketPath(key)}/form/ask`, { method: 'POST' }),
  adminItems: () => request<{ items: AdminItem[] }>('/api/admin/catalogue'),
  createItem: (input: ItemInput & { code: string; kind: CatalogueKind; nameEn: string; nameRu: string }) =>
    request<AdminItem>('/api/admin/catalogue/items', { method: 'POST', body: input }),
  updateItem: (id: string, input: ItemInput) => request<AdminItem>(`/api/admin/catalogue/items/${id}`, { method: 'PATCH', body: input }),
  formHistory: (id: string) => request<FormHistory>(`/api/admin/catalogue/items/${id}/forms`),
  saveForm: (id: string, fields: FieldDefinition[], comment: string) =>
    request<{ created: boolean; form: FormVersion }>(`/api/admin/catalogue/items/${id}/form`, { method: 'PUT', body: { fields, comment } }),
};
