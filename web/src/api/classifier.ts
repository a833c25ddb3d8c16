/** API calls and types of the request classifier: the suggestion on a request, model versions, settings. */
import { request } from '../api';
import type { Priority, TicketType } from '../types';

export type ClassifierTarget = 'type' | 'catalogue' | 'priority' | 'line';
export const APPLIABLE_TARGETS: readonly ClassifierTarget[] = ['type', 'catalogue', 'priority'];

export interface ClassifierSuggestion {
  target: ClassifierTarget;
  label: string;
  labelName: { en: string; ru: string } | null;
  confidence: number;
  explanation: Array<{ term: string; weight: number }>;
  rule: string | null;
  applied: boolean;
  current: string | null;
  matches: boolean;
  decision: 'accepted' | 'overridden' | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
}

export interface Classification {
  key: string;
  ticketVersion: number;
  modelVersion: number | null;
  threshold: number;
  pending: boolean;
  suggestions: ClassifierSuggestion[];
}

export interface OverrideValues {
  type?: TicketType;
  catalogueItemCode?: string;
  priority?: Priority;
  lineCode?: string;
}

export interface ClassifierModelInfo {
  version: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  source: 'default' | 'trained';
  trainingSize: number;
  accuracy: number | null;
  macroF1: number | null;
  evaluation: Record<string, { accuracy: number; macroF1: number; folds: number; n: number }>;
  active: boolean;
  activatedAt: string | null;
  note: string | null;
}

const path = (key: string) => `/api/tickets/${encodeURIComponent(key)}/classification`;

export const classifierApi = {
  get: (key: string) => request<Classification>(path(key)),
  accept: (key: string, version: number, targets?: ClassifierTarget[]) =>
    request<Classification>(path(key), { method: 'POST', body: { action: 'accept', version, ...(targets ? { targets } : {}) } }),
  override: (key: string, version: number, values: OverrideValues) =>
    request<Classification>(path(key), { method: 'POST', body: { action: 'override', version, values } }),
  models: () => request<{ items: ClassifierModelInfo[] }>('/api/classifier/models'),
  activate: (version: number) => request<{ items: ClassifierModelInfo[] }>(`/api/classifier/models/${version}/activate`, { method: 'POST' }),
  retrain: (activate: 'auto' | 'always' | 'never' = 'auto') =>
    request<{ jobId: string | null; queued: boolean }>('/api/classifier/retrain', { method: 'POST', body: { activate } }),
  settings: () => request<{ autoApplyThreshold: number }>('/api/classifier/settings'),
  saveSettings: (autoApplyThreshold: number) => request<{ autoApplyThreshold: number }>('/api/classifier/settings', { method: 'PUT', body: { autoApplyThreshold } }),
};
