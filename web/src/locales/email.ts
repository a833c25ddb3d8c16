/** UI strings of one area (email), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const emailEn = {
  'admin.templates': 'Templates',
  'admin.outbox': 'Outbox',
};

export const emailRu: Record<keyof typeof emailEn, string> = {
  'admin.templates': 'Шаблоны',
  'admin.outbox': 'Исходящие',
};
