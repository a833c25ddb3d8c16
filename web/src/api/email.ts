/** API calls and types of the e-mail channel's administration: notification templates and the outbox. */
import { request } from '../api';

export type TemplateLocale = 'ru' | 'en';

export interface NotificationTemplate {
  name: string;
  locale: TemplateLocale;
  audience: 'customer' | 'staff';
  subject: string;
  body: string;
  customized: boolean;
  updatedAt: string | null;
  placeholders: string[];
  default: { subject: string; body: string };
}

export interface TemplatePreview {
  subject: string;
  body: string;
  unknownPlaceholders: string[];
}

export type OutboundStatus = 'queued' | 'sent' | 'partial' | 'failed' | 'outbox' | 'held' | 'digested';

export interface Delivery {
  recipient: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  response: string | null;
  lastError: string | null;
  updatedAt: string;
}

export interface OutboundSummary {
  id: string;
  ticketKey: string;
  template: string;
  status: OutboundStatus;
  subject: string;
  to: string[];
  createdAt: string;
  sentAt: string | null;
  deliveries: Delivery[];
}

export interface OutboundDetail extends Omit<OutboundSummary, 'subject' | 'to'> {
  headers: { from: string | null; to: string[]; subject: string; messageId: string | null; inReplyTo: string | null; references: string[] };
  bodyText: string;
}

const tpl = (name: string, locale: TemplateLocale) => `/api/email/templates/${encodeURIComponent(name)}/${locale}`;

export const emailApi = {
  templates: () => request<{ items: NotificationTemplate[] }>('/api/email/templates'),
  saveTemplate: (name: string, locale: TemplateLocale, text: { subject: string; body: string }) => request<NotificationTemplate>(tpl(name, locale), { method: 'PUT', body: text }),
  resetTemplate: (name: string, locale: TemplateLocale) => request<NotificationTemplate>(tpl(name, locale), { method: 'DELETE' }),
  previewTemplate: (name: string, locale: TemplateLocale, draft: { subject?: string; body?: string }) => request<TemplatePreview>(`${tpl(name, locale)}/preview`, { method: 'POST', body: draft }),
  outbox: (q: { status?: OutboundStatus | ''; cursor?: string | null; limit?: number }) => {
    const p = new URLSearchParams();
    if (q.status) p.set('status', q.status);
    if (q.cursor) p.set('cursor', q.cursor);
    p.set('limit', String(q.limit ?? 50));
    return request<{ items: OutboundSummary[]; nextCursor: string | null }>(`/api/email/outbox?${p.toString()}`);
  },
  outboundEmail: (id: string) => request<OutboundDetail>(`/api/email/outbox/${encodeURIComponent(id)}`),
  retryOutboundEmail: (id: string) => request<OutboundDetail>(`/api/email/outbox/${encodeURIComponent(id)}/retry`, { method: 'POST' }),
};
