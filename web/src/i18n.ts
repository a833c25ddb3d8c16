import { createContext, useContext } from 'react';
import type { Locale } from './types';

import { en, type Dictionary, type MessageKey } from './locales/en';
import { ru } from './locales/ru';

export type { MessageKey };

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
