/** Words and links that notification mails share: SLA metric names in the recipient's language, the public base URL. */
import type { AppContext } from '../../../shared/context.js';

const METRICS: Record<string, Record<'ru' | 'en', string>> = {
  first_response: { en: 'first response', ru: 'первого ответа' },
  next_response: { en: 'next response', ru: 'следующего ответа' },
  resolution: { en: 'resolution', ru: 'решения' },
  vendor: { en: 'vendor response', ru: 'ответа вендора' },
};

/** An SLA metric in words of the recipient's language; OLA clocks (ola:L2) keep their code. */
export function metricLabel(metric: string, locale: 'ru' | 'en'): string {
  const m = METRICS[metric];
  if (m) return m[locale];
  return metric.startsWith('ola:') ? `OLA ${metric.slice(4)}` : metric;
}

/** The address links in mail point at. */
export function publicBase(config: AppContext['config']): string {
  return (config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`).replace(/\/+$/, '');
}

const PRIORITIES_RU: Record<string, string> = { critical: 'критический', high: 'высокий', medium: 'средний', low: 'низкий' };

/** A priority code in words of the recipient's language. */
export function priorityLabel(priority: string, locale: 'ru' | 'en'): string {
  return locale === 'ru' ? (PRIORITIES_RU[priority] ?? priority) : priority;
}
