import type { Executor } from '../../../db/executor.js';
import type { Locale } from '../../../db/schema.js';

/**
 * Notification templates: a subject and a plain-text body per language with {{placeholders}}. The shipped
 * defaults live here; an administrator's version is a row in notification_templates that overrides the
 * default until it is reset. A list value (missing_fields) renders as one "- item" line per entry.
 */
export const TEMPLATE_NAMES = ['staff_reply', 'request_received', 'missing_information', 'request_resolved', 'sla_warning', 'sla_breach', 'sla_digest'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export const LOCALES: readonly Locale[] = ['ru', 'en'];

export type TemplateValue = string | number | readonly string[] | null | undefined;
export type TemplateVars = Record<string, TemplateValue>;

export interface TemplateText {
  subject: string;
  body: string;
}

interface TemplateDef {
  audience: 'customer' | 'staff';
  /** Every placeholder the template may use, with the value shown in previews. */
  vars: Record<string, string | readonly string[]>;
  defaults: Record<Locale, TemplateText>;
}

const ticketSample = { 'ticket.key': 'SUP-1042', 'ticket.subject': 'Volume vol-7 does not attach to vm-web-1', 'ticket.url': 'https://support.example.com/requests/SUP-1042' };

export const TEMPLATES: Record<TemplateName, TemplateDef> = {
  staff_reply: {
    audience: 'customer',
    vars: { ...ticketSample, 'customer.name': 'Anna Petrova', 'agent.name': 'Ivan Sidorov', 'reply.body': 'We have re-attached the volume; please check the mount point.' },
    defaults: {
      en: { subject: 'Re: {{ticket.subject}} [{{ticket.key}}]', body: '{{reply.body}}\n\n--\n{{agent.name}}, support team\nRequest {{ticket.key}}: {{ticket.url}}' },
      ru: { subject: 'Re: {{ticket.subject}} [{{ticket.key}}]', body: '{{reply.body}}\n\n--\n{{agent.name}}, служба поддержки\nОбращение {{ticket.key}}: {{ticket.url}}' },
    },
  },
  request_received: {
    audience: 'customer',
    vars: { ...ticketSample, 'customer.name': 'Anna Petrova' },
    defaults: {
      en: {
        subject: 'Request {{ticket.key}} registered: {{ticket.subject}}',
        body: 'Hello, {{customer.name}}!\n\nWe have received your request and registered it as {{ticket.key}}.\nTo add details, reply to this message and keep {{ticket.key}} in the subject.\n\nFollow the request: {{ticket.url}}',
      },
      ru: {
        subject: 'Обращение {{ticket.key}} зарегистрировано: {{ticket.subject}}',
        body: 'Здравствуйте, {{customer.name}}!\n\nМы получили ваше обращение и зарегистрировали его под номером {{ticket.key}}.\nЧтобы дополнить его, ответьте на это письмо, сохранив {{ticket.key}} в теме.\n\nСледить за обращением: {{ticket.url}}',
      },
    },
  },
  missing_information: {
    audience: 'customer',
    vars: { ...ticketSample, 'customer.name': 'Anna Petrova', missing_fields: ['Project ID', 'Region', 'Volume ID'] },
    defaults: {
      en: {
        subject: 'More information needed for {{ticket.key}}: {{ticket.subject}}',
        body: 'Hello, {{customer.name}}!\n\nTo work on request {{ticket.key}} we need the following:\n{{missing_fields}}\n\nReply to this message or add them on the request page: {{ticket.url}}\nThe request waits for your answer meanwhile.',
      },
      ru: {
        subject: 'Нужны уточнения по {{ticket.key}}: {{ticket.subject}}',
        body: 'Здравствуйте, {{customer.name}}!\n\nЧтобы продолжить работу по обращению {{ticket.key}}, нам нужно:\n{{missing_fields}}\n\nОтветьте на это письмо или дополните обращение на странице {{ticket.url}}\nДо вашего ответа обращение ожидает информации от вас.',
      },
    },
  },
  request_resolved: {
    audience: 'customer',
    vars: { ...ticketSample, 'customer.name': 'Anna Petrova', 'rating.url': 'https://support.example.com/requests/SUP-1042#rate' },
    defaults: {
      en: {
        subject: 'Request {{ticket.key}} resolved: {{ticket.subject}}',
        body: 'Hello, {{customer.name}}!\n\nWe have resolved request {{ticket.key}}. If the problem remains, reply to this message and the request reopens.\n\nHow did we do? Rate the support: {{rating.url}}',
      },
      ru: {
        subject: 'Обращение {{ticket.key}} решено: {{ticket.subject}}',
        body: 'Здравствуйте, {{customer.name}}!\n\nМы решили обращение {{ticket.key}}. Если проблема осталась, ответьте на это письмо — обращение откроется снова.\n\nОцените, пожалуйста, работу поддержки: {{rating.url}}',
      },
    },
  },
  sla_warning: {
    audience: 'staff',
    vars: { ...ticketSample, 'ticket.priority': 'high', 'recipient.name': 'Ivan Sidorov', 'sla.metric': 'first response', 'sla.due_at': '2026-01-15 14:30 UTC' },
    defaults: {
      en: {
        subject: 'SLA warning: {{ticket.key}} {{sla.metric}} due {{sla.due_at}}',
        body: '{{recipient.name}},\n\nThe {{sla.metric}} target of {{ticket.key}} ({{ticket.priority}}) is due at {{sla.due_at}}.\n{{ticket.subject}}\n\n{{ticket.url}}',
      },
      ru: {
        subject: 'Предупреждение SLA: {{ticket.key}}, срок {{sla.metric}} — {{sla.due_at}}',
        body: '{{recipient.name}},\n\nСрок {{sla.metric}} по {{ticket.key}} (приоритет {{ticket.priority}}) истекает {{sla.due_at}}.\n{{ticket.subject}}\n\n{{ticket.url}}',
      },
    },
  },
  sla_breach: {
    audience: 'staff',
    vars: { ...ticketSample, 'ticket.priority': 'high', 'recipient.name': 'Ivan Sidorov', 'sla.metric': 'resolution', 'sla.due_at': '2026-01-15 14:30 UTC' },
    defaults: {
      en: {
        subject: 'SLA breached: {{ticket.key}} {{sla.metric}}',
        body: '{{recipient.name}},\n\nThe {{sla.metric}} target of {{ticket.key}} ({{ticket.priority}}) was breached at {{sla.due_at}}.\n{{ticket.subject}}\n\n{{ticket.url}}',
      },
      ru: {
        subject: 'Нарушение SLA: {{ticket.key}}, срок {{sla.metric}}',
        body: '{{recipient.name}},\n\nСрок {{sla.metric}} по {{ticket.key}} (приоритет {{ticket.priority}}) нарушен в {{sla.due_at}}.\n{{ticket.subject}}\n\n{{ticket.url}}',
      },
    },
  },
  sla_digest: {
    audience: 'staff',
    vars: {
      'recipient.name': 'Ivan Sidorov',
      'digest.count': '3',
      'digest.requests': [
        'SUP-1042 (high): first response breached at 2026-01-15 14:30 UTC — Volume vol-7 does not attach to vm-web-1',
        'SUP-1043 (critical): resolution warning, due 2026-01-15 14:45 UTC — Region ru-msk-1: VMs do not start',
        'SUP-1047 (medium): first response breached at 2026-01-15 14:52 UTC — Load balancer returns 502',
      ],
      'digest.url': 'https://support.example.com/',
    },
    defaults: {
      en: {
        subject: 'SLA: {{digest.count}} more requests need attention',
        body: '{{recipient.name}},\n\nBesides the SLA mails you received, these {{digest.count}} requests reached a warning or breach point in the last minutes (collected into one message so an outage does not flood your inbox):\n{{digest.requests}}\n\nThe queue, sorted by deadline: {{digest.url}}',
      },
      ru: {
        subject: 'SLA: ещё {{digest.count}} обращений требуют внимания',
        body: '{{recipient.name}},\n\nКроме уже полученных писем SLA, за последние минуты ещё {{digest.count}} обращений достигли порога предупреждения или нарушения (собраны в одно письмо, чтобы авария не завалила почту):\n{{digest.requests}}\n\nОчередь, по срокам: {{digest.url}}',
      },
    },
  },
};

/** Sample values for Russian previews; placeholders not listed here use the English sample. */
const RU_SAMPLES: Record<string, string | readonly string[]> = {
  'ticket.subject': 'Том vol-7 не подключается к vm-web-1',
  'customer.name': 'Анна Петрова',
  'agent.name': 'Иван Сидоров',
  'recipient.name': 'Иван Сидоров',
  'reply.body': 'Мы переподключили том; проверьте, пожалуйста, точку монтирования.',
  missing_fields: ['ID проекта', 'Регион', 'ID тома'],
  'ticket.priority': 'высокий',
  'digest.requests': [
    'SUP-1042 (высокий): нарушен срок первого ответа в 2026-01-15 14:30 UTC — Том vol-7 не подключается к vm-web-1',
    'SUP-1043 (критический): предупреждение по сроку решения, срок 2026-01-15 14:45 UTC — Регион ru-msk-1: ВМ не запускаются',
  ],
};

/** The values a preview renders with, in the template's language. */
export function sampleVars(name: TemplateName, locale: Locale): TemplateVars {
  const vars: TemplateVars = { ...TEMPLATES[name].vars };
  if (locale === 'ru') {
    for (const [k, v] of Object.entries(RU_SAMPLES)) if (k in vars) vars[k] = v;
    if ('sla.metric' in vars) vars['sla.metric'] = name === 'sla_breach' ? 'решения' : 'первого ответа';
  }
  return vars;
}

export const isTemplateName = (name: string): name is TemplateName => (TEMPLATE_NAMES as readonly string[]).includes(name);

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholders a text uses that the template does not know, in order of appearance. */
export function unknownPlaceholders(name: TemplateName, text: string): string[] {
  const known = TEMPLATES[name].vars;
  const bad: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const p = m[1] ?? '';
    if (!Object.hasOwn(known, p) && !bad.includes(p)) bad.push(p);
  }
  return bad;
}

function fill(text: string, vars: TemplateVars, oneLine: boolean): string {
  return text.replace(PLACEHOLDER, (_m, p: string) => {
    const v = vars[p];
    if (v === null || v === undefined) return '';
    const s = Array.isArray(v) ? (oneLine ? v.join(', ') : v.map((x) => `- ${x}`).join('\n')) : String(v as string | number);
    // A subject is one header line: no value may break it.
    return oneLine ? s.replace(/[\r\n]+/g, ' ') : s;
  });
}

export function renderText(t: TemplateText, vars: TemplateVars): TemplateText {
  return { subject: fill(t.subject, vars, true).trim().slice(0, 998), body: fill(t.body, vars, false) };
}

/** The administrator's version of a template if there is one, else the shipped default. */
export async function loadTemplate(exec: Executor, name: TemplateName, locale: Locale): Promise<TemplateText & { customized: boolean }> {
  const row = await exec.selectFrom('notification_templates').select(['subject', 'body']).where('name', '=', name).where('locale', '=', locale).executeTakeFirst();
  return row ? { ...row, customized: true } : { ...TEMPLATES[name].defaults[locale], customized: false };
}

/**
 * Renders a notification in a language: `renderTemplate(trx, 'missing_information', 'ru',
 * { 'ticket.key': 'SUP-1', 'ticket.subject': '…', missing_fields: ['Project ID', 'Region'] })`.
 * Unknown locales fall back to English; placeholders without a value render empty.
 */
export async function renderTemplate(exec: Executor, name: TemplateName, locale: string, vars: TemplateVars): Promise<TemplateText> {
  const lang: Locale = locale === 'ru' ? 'ru' : 'en';
  return renderText(await loadTemplate(exec, name, lang), vars);
}
