import type { Locale } from '../../db/schema.js';
import type { MissingItem } from '../lines/requirements.js';

export interface MissingInfoMessage {
  ticketKey: string;
  items: readonly MissingItem[];
}

/**
 * The text tierdesk posts to the requester when the request lacks what its catalogue item needs.
 * A plain code template for now: the one place to swap for the admin-editable notification templates.
 */
export function renderMissingInfoMessage(locale: Locale, m: MissingInfoMessage): string {
  const ru = locale === 'ru';
  const lines = m.items.map((i) => {
    const label = ru ? i.labelRu : i.labelEn;
    const help = ru ? i.helpRu : i.helpEn;
    return `• ${label}${help ? ` — ${help}` : ''}`;
  });
  return ru
    ? [
        'Здравствуйте!',
        '',
        `Чтобы мы могли заняться обращением ${m.ticketKey}, пожалуйста, сообщите:`,
        ...lines,
        '',
        'Ответьте на это сообщение или заполните поля формы на странице обращения. Пока мы ждём ответа, срок решения по SLA приостановлен.',
        '',
        'Служба поддержки',
      ].join('\n')
    : [
        'Hello,',
        '',
        `So that we can work on request ${m.ticketKey}, please tell us:`,
        ...lines,
        '',
        'Reply to this message or fill in the form fields on the request page. While we wait for your answer, the SLA clock is paused.',
        '',
        'Support team',
      ].join('\n');
}
