/** API calls and types of similar requests, links between requests and mass-outage candidates. */
import { request } from '../api';
import type { Ref, Status } from '../types';

export type LinkKind = 'duplicate_of' | 'duplicated_by' | 'related';
export type MassOutageStatus = 'suspected' | 'acknowledged' | 'dismissed';

export interface SimilarItem {
  key: string;
  subject: string;
  status: Status;
  organization: Ref;
  createdAt: string;
  score: number;
  likelyDuplicate: boolean;
  suggestedAtIntake: boolean;
  link: LinkKind | null;
  reasons: {
    sharedTerms: string[];
    subjectSimilarity: number;
    sameService: boolean;
    sameRegion: boolean;
    sameProject: boolean;
    sameOrganization: boolean;
    sharedResources: string[];
  };
}

export interface MassOutage {
  id: string;
  status: MassOutageStatus;
  service: { id: string; code: string; nameEn: string; nameRu: string } | null;
  region: string | null;
  organizationCount: number;
  ticketCount: number;
  firstSeenAt: string;
  lastSeenAt: string;
  note: string;
  members: Array<{ key: string; subject: string; status: Status; organization: Ref; createdAt: string }>;
}

export interface SimilarResponse {
  items: SimilarItem[];
  duplicateThreshold: number;
  massOutage: MassOutage | null;
}

export interface TicketLink {
  id: string;
  kind: LinkKind;
  ticket: { key: string; subject: string; status: Status };
  organization?: Ref;
  createdAt: string;
}

const path = (key: string) => `/api/tickets/${encodeURIComponent(key)}`;

export const similarApi = {
  similar: (key: string) => request<SimilarResponse>(`${path(key)}/similar`),
  links: (key: string) => request<{ items: TicketLink[] }>(`${path(key)}/links`),
  link: (key: string, kind: 'duplicate_of' | 'related', targetKey: string) =>
    request<TicketLink>(`${path(key)}/links`, { method: 'POST', body: { kind, targetKey } }),
  unlink: (key: string, targetKey: string) => request<void>(`${path(key)}/links/${encodeURIComponent(targetKey)}`, { method: 'DELETE' }),
  markDuplicate: (key: string, version: number, originalKey: string) =>
    request<unknown>(`${path(key)}/mark-duplicate`, { method: 'POST', body: { originalKey }, headers: { 'if-match': `"${version}"` } }),
  decide: (id: string, action: 'acknowledge' | 'dismiss') => request<MassOutage>(`/api/mass-outages/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} }),
};
