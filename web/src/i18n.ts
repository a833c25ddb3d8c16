import { createContext, useContext } from 'react';
import type { Locale } from './types';

const en = {
  'app.name': 'tierdesk',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.notFound': 'Page not found',
  'app.toStart': 'Go to the start page',
  'app.unsupportedKind': 'This account type has no screens in the web console yet.',

  'header.language': 'Language',
  'header.signOut': 'Sign out',
  'header.lines': 'Lines',
  'header.teams': 'Teams',
  'header.noOrg': 'No organisation',

  'nav.myRequests': "My organisation's requests",
  'nav.newRequest': 'New request',
  'nav.queue': 'Queue',
  'nav.phoneRequest': 'New phone request',

  'signin.title': 'Sign in to tierdesk',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.busy': 'Signing in…',
  'signin.demoTitle': 'Demo mode: every account uses the password',
  'signin.useAccount': 'Use this account',
  'signin.INVALID_CREDENTIALS': 'Wrong email or password.',
  'signin.ACCOUNT_LOCKED': 'The account is locked after too many failed attempts. Try again later.',
  'signin.RATE_LIMITED': 'Too many sign-in attempts. Wait a minute and try again.',

  'field.status': 'Status',
  'field.priority': 'Priority',
  'field.key': 'Key',
  'field.subject': 'Subject',
  'field.description': 'Description',
  'field.type': 'Type',
  'field.channel': 'Channel',
  'field.updated': 'Updated',
  'field.created': 'Created',
  'field.organization': 'Organisation',
  'field.requester': 'Requester',
  'field.line': 'Line',
  'field.team': 'Team',
  'field.assignee': 'Assignee',
  'field.catalogueItem': 'Service',
  'field.region': 'Region',
  'field.projectId': 'Project ID',
  'field.resourceIds': 'Resource IDs',
  'field.rating': 'Rating',
  'field.firstResponse': 'First response',
  'field.resolved': 'Resolved',
  'field.closed': 'Closed',
  'field.watchers': 'Watchers',
  'field.version': 'Version',

  'list.empty': 'No requests yet.',
  'list.loadMore': 'Load more',
  'list.loading': 'Loading…',
  'list.count': 'Shown: {n}',

  'queue.title': 'Queue',
  'queue.search': 'Search requests (text, key, project ID)…',
  'queue.searchResults': 'Search results for “{q}”',
  'queue.clearSearch': 'Clear search',
  'queue.any': 'Any',
  'queue.me': 'Me',
  'queue.unassigned': 'Unassigned',
  'queue.active': 'Active',
  'queue.all': 'All',
  'queue.reset': 'Reset filters',
  'queue.empty': 'Nothing matches these filters.',
  'queue.refresh': 'Refresh',

  'new.title': 'New request',
  'new.subjectHint': 'A short summary of the problem or what you need',
  'new.descriptionHint': 'What happened, when, the error text, what you already tried',
  'new.pickService': 'Pick a service from the catalogue',
  'new.filterCatalogue': 'Filter the catalogue…',
  'new.clearService': 'Clear',
  'new.noRegion': '— not specified —',
  'new.projectIdHint': 'mcs followed by 10 digits, e.g. mcs0123456789',
  'new.projectIdInvalid': 'The project ID is “mcs” followed by exactly 10 digits.',
  'new.resourceIdsHint': 'VM, disk or cluster IDs, one per line or separated by commas',
  'new.submit': 'Create request',
  'new.busy': 'Creating…',
  'new.cancel': 'Cancel',
  'new.required': 'Required',
  'new.default': '— default —',
  'new.phoneTitle': 'New request taken by phone',
  'new.pick': '— choose —',

  'region.ru-msk-1': 'Moscow (ru-msk-1)',
  'region.ru-msk-2': 'Moscow (ru-msk-2)',
  'region.kz-ala-1': 'Kazakhstan (kz-ala-1)',

  'ticket.back': '← Back',
  'ticket.details': 'Details',
  'ticket.timeline': 'Timeline',
  'ticket.noMessages': 'No messages yet.',
  'ticket.reply': 'Reply',
  'ticket.replyPlaceholder': 'Write a reply…',
  'ticket.notePlaceholder': 'Write an internal note (customers do not see it)…',
  'ticket.send': 'Send',
  'ticket.sending': 'Sending…',
  'ticket.publicReply': 'Public reply',
  'ticket.internalNote': 'Internal note',
  'ticket.internalBadge': 'Internal',
  'ticket.resolvedBox': 'This request is resolved. Did we solve your problem?',
  'ticket.rate': 'Rate the answer',
  'ticket.rateComment': 'Comment (optional)',
  'ticket.rateSubmit': 'Rate and close',
  'ticket.reopenReason': 'Why is the problem not solved?',
  'ticket.reopenSubmit': 'Reopen',
  'ticket.closedNote': 'This request is closed.',
  'ticket.ratedAs': 'Rated {n} of 5',
  'ticket.assignToMe': 'Assign to me',
  'ticket.changeStatus': 'Change status',
  'ticket.statusComment': 'Comment (optional)',
  'ticket.apply': 'Apply',
  'ticket.noTransitions': 'No status changes are allowed now.',
  'ticket.versionConflict': 'Someone else changed this request meanwhile. It has been reloaded: check it and try again.',
  'ticket.none': '—',
  'ticket.someone': 'System',
  'ticket.changed': 'changed',
  'ticket.notFound': 'Request {key} was not found or you have no access to it.',
  'ticket.attachments': 'Attachments',
  'ticket.kb': '{n} KB',

  'event.created': 'created the request',
  'event.updated': 'changed the request',
  'event.status_changed': 'changed the status',
  'event.assigned': 'changed the assignee',
  'event.escalated': 'escalated the request',
  'event.reopened': 'reopened the request',
  'event.rated': 'rated the request',
  'event.resolved': 'resolved the request',
  'event.closed': 'closed the request',
  'event.watcher_added': 'added a watcher',
  'event.watcher_removed': 'removed a watcher',
  'event.attachment_added': 'attached a file',
  'event.other': 'event “{type}”',

  'error.generic': 'Something went wrong: {message}',
  'error.network': 'The server cannot be reached. Check the connection and try again.',
  'error.requestId': 'Request ID: {id}',
  'error.forbidden': 'You are not allowed to do this.',
  'error.validation': 'Please correct the highlighted fields.',

  'status.new': 'New',
  'status.open': 'Open',
  'status.pending_customer': 'Waiting for customer',
  'status.pending_vendor': 'Waiting for vendor',
  'status.on_hold': 'On hold',
  'status.resolved': 'Resolved',
  'status.closed': 'Closed',

  'priority.critical': 'Critical',
  'priority.high': 'High',
  'priority.medium': 'Medium',
  'priority.low': 'Low',

  'type.incident': 'Incident',
  'type.question': 'Question',
  'type.service_request': 'Service request',
  'type.billing': 'Billing',
  'type.access_recovery': 'Access recovery',
  'type.vendor': 'Marketplace vendor',
  'type.feedback': 'Feedback',
  'type.security': 'Security',

  'channel.portal': 'Portal',
  'channel.api': 'API',
  'channel.phone': 'Phone',
  'channel.email': 'Email',
  'channel.chat': 'Chat',
  'channel.monitoring': 'Monitoring',

  'author.customer': 'Customer',
  'author.staff': 'Support',
  'author.vendor': 'Vendor',
  'author.integration': 'Integration',
};

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const ru: Dictionary = {
  'app.name': 'tierdesk',
  'app.loading': 'Загрузка…',
  'app.retry': 'Повторить',
  'app.notFound': 'Страница не найдена',
  'app.toStart': 'На главную',
  'app.unsupportedKind': 'Для этого типа учётной записи в веб-консоли пока нет экранов.',

  'header.language': 'Язык',
  'header.signOut': 'Выйти',
  'header.lines': 'Линии',
  'header.teams': 'Команды',
  'header.noOrg': 'Без организации',

  'nav.myRequests': 'Обращения моей организации',
  'nav.newRequest': 'Новое обращение',
  'nav.queue': 'Очередь',
  'nav.phoneRequest': 'Обращение по телефону',

  'signin.title': 'Вход в tierdesk',
  'signin.email': 'Эл. почта',
  'signin.password': 'Пароль',
  'signin.submit': 'Войти',
  'signin.busy': 'Вход…',
  'signin.demoTitle': 'Демо-режим: у всех учётных записей пароль',
  'signin.useAccount': 'Войти под этой учётной записью',
  'signin.INVALID_CREDENTIALS': 'Неверная почта или пароль.',
  'signin.ACCOUNT_LOCKED': 'Учётная запись заблокирована после нескольких неудачных попыток. Повторите позже.',
  'signin.RATE_LIMITED': 'Слишком много попыток входа. Подождите минуту и повторите.',

  'field.status': 'Статус',
  'field.priority': 'Приоритет',
  'field.key': 'Номер',
  'field.subject': 'Тема',
  'field.description': 'Описание',
  'field.type': 'Тип',
  'field.channel': 'Канал',
  'field.updated': 'Обновлено',
  'field.created': 'Создано',
  'field.organization': 'Организация',
  'field.requester': 'Заявитель',
  'field.line': 'Линия',
  'field.team': 'Команда',
  'field.assignee': 'Исполнитель',
  'field.catalogueItem': 'Услуга',
  'field.region': 'Регион',
  'field.projectId': 'ID проекта',
  'field.resourceIds': 'ID ресурсов',
  'field.rating': 'Оценка',
  'field.firstResponse': 'Первый ответ',
  'field.resolved': 'Решено',
  'field.closed': 'Закрыто',
  'field.watchers': 'Наблюдатели',
  'field.version': 'Версия',

  'list.empty': 'Обращений пока нет.',
  'list.loadMore': 'Показать ещё',
  'list.loading': 'Загрузка…',
  'list.count': 'Показано: {n}',

  'queue.title': 'Очередь',
  'queue.search': 'Поиск обращений (текст, номер, ID проекта)…',
  'queue.searchResults': 'Результаты поиска «{q}»',
  'queue.clearSearch': 'Сбросить поиск',
  'queue.any': 'Любой',
  'queue.me': 'Я',
  'queue.unassigned': 'Не назначено',
  'queue.active': 'Активные',
  'queue.all': 'Все',
  'queue.reset': 'Сбросить фильтры',
  'queue.empty': 'Под эти фильтры ничего не подходит.',
  'queue.refresh': 'Обновить',

  'new.title': 'Новое обращение',
  'new.subjectHint': 'Коротко: в чём проблема или что нужно сделать',
  'new.descriptionHint': 'Что произошло, когда, текст ошибки, что уже пробовали',
  'new.pickService': 'Выберите услугу из каталога',
  'new.filterCatalogue': 'Фильтр по каталогу…',
  'new.clearService': 'Сбросить',
  'new.noRegion': '— не указан —',
  'new.projectIdHint': 'mcs и 10 цифр, например mcs0123456789',
  'new.projectIdInvalid': 'ID проекта — это «mcs» и ровно 10 цифр.',
  'new.resourceIdsHint': 'ID ВМ, дисков или кластеров — по одному в строке или через запятую',
  'new.submit': 'Создать обращение',
  'new.busy': 'Создание…',
  'new.cancel': 'Отмена',
  'new.required': 'Обязательное поле',
  'new.default': '— по умолчанию —',
  'new.phoneTitle': 'Новое обращение, принятое по телефону',
  'new.pick': '— выберите —',

  'region.ru-msk-1': 'Москва (ru-msk-1)',
  'region.ru-msk-2': 'Москва (ru-msk-2)',
  'region.kz-ala-1': 'Казахстан (kz-ala-1)',

  'ticket.back': '← Назад',
  'ticket.details': 'Сведения',
  'ticket.timeline': 'Хронология',
  'ticket.noMessages': 'Сообщений пока нет.',
  'ticket.reply': 'Ответ',
  'ticket.replyPlaceholder': 'Напишите ответ…',
  'ticket.notePlaceholder': 'Внутренняя заметка (клиент её не видит)…',
  'ticket.send': 'Отправить',
  'ticket.sending': 'Отправка…',
  'ticket.publicReply': 'Публичный ответ',
  'ticket.internalNote': 'Внутренняя заметка',
  'ticket.internalBadge': 'Внутреннее',
  'ticket.resolvedBox': 'Обращение решено. Мы решили вашу проблему?',
  'ticket.rate': 'Оцените ответ',
  'ticket.rateComment': 'Комментарий (необязательно)',
  'ticket.rateSubmit': 'Оценить и закрыть',
  'ticket.reopenReason': 'Почему проблема не решена?',
  'ticket.reopenSubmit': 'Вернуть в работу',
  'ticket.closedNote': 'Обращение закрыто.',
  'ticket.ratedAs': 'Оценка {n} из 5',
  'ticket.assignToMe': 'Назначить на себя',
  'ticket.changeStatus': 'Сменить статус',
  'ticket.statusComment': 'Комментарий (необязательно)',
  'ticket.apply': 'Применить',
  'ticket.noTransitions': 'Сейчас смена статуса недоступна.',
  'ticket.versionConflict': 'Обращение тем временем изменил кто-то другой. Оно перезагружено: проверьте и повторите.',
  'ticket.none': '—',
  'ticket.someone': 'Система',
  'ticket.changed': 'изменил(а)',
  'ticket.notFound': 'Обращение {key} не найдено или у вас нет к нему доступа.',
  'ticket.attachments': 'Вложения',
  'ticket.kb': '{n} КБ',

  'event.created': 'создал(а) обращение',
  'event.updated': 'изменил(а) обращение',
  'event.status_changed': 'сменил(а) статус',
  'event.assigned': 'сменил(а) исполнителя',
  'event.escalated': 'эскалировал(а) обращение',
  'event.reopened': 'вернул(а) обращение в работу',
  'event.rated': 'оценил(а) обращение',
  'event.resolved': 'решил(а) обращение',
  'event.closed': 'закрыл(а) обращение',
  'event.watcher_added': 'добавил(а) наблюдателя',
  'event.watcher_removed': 'убрал(а) наблюдателя',
  'event.attachment_added': 'приложил(а) файл',
  'event.other': 'событие «{type}»',

  'error.generic': 'Что-то пошло не так: {message}',
  'error.network': 'Сервер недоступен. Проверьте соединение и повторите.',
  'error.requestId': 'ID запроса: {id}',
  'error.forbidden': 'У вас нет прав на это действие.',
  'error.validation': 'Исправьте отмеченные поля.',

  'status.new': 'Новое',
  'status.open': 'В работе',
  'status.pending_customer': 'Ждёт клиента',
  'status.pending_vendor': 'Ждёт вендора',
  'status.on_hold': 'Отложено',
  'status.resolved': 'Решено',
  'status.closed': 'Закрыто',

  'priority.critical': 'Критический',
  'priority.high': 'Высокий',
  'priority.medium': 'Средний',
  'priority.low': 'Низкий',

  'type.incident': 'Инцидент',
  'type.question': 'Вопрос',
  'type.service_request': 'Запрос на обслуживание',
  'type.billing': 'Биллинг',
  'type.access_recovery': 'Восстановление доступа',
  'type.vendor': 'Вендор Marketplace',
  'type.feedback': 'Предложение',
  'type.security': 'Безопасность',

  'channel.portal': 'Портал',
  'channel.api': 'API',
  'channel.phone': 'Телефон',
  'channel.email': 'Почта',
  'channel.chat': 'Чат',
  'channel.monitoring': 'Мониторинг',

  'author.customer': 'Клиент',
  'author.staff': 'Поддержка',
  'author.vendor': 'Вендор',
  'author.integration': 'Интеграция',
};

export const dictionaries: Record<Locale, Dictionary> = { en, ru };
export const LOCALES: readonly Locale[] = ['ru', 'en'];

const STORAGE_KEY = 'tierdesk.locale';

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[locale][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The language chosen in the switcher earlier, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'ru' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale) {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The switcher's choice, otherwise the browser's preferred language. */
export function initialLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A date-time in the current language. */
  dt: (iso: string | null | undefined) => string;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  const fmt = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
  return {
    locale,
    setLocale,
    t: (key, vars) => translate(locale, key, vars),
    dt: (iso) => {
      if (!iso) return translate(locale, 'ticket.none');
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : fmt.format(d);
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => {}));
export const useI18n = () => useContext(I18nContext);
