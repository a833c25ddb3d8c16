/** UI strings of one area (knowledge), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const knowledgeEn = {
  'admin.knowledge': 'Knowledge base',
  'admin.macros': 'Macros',
};

export const knowledgeRu: Record<keyof typeof knowledgeEn, string> = {
  'admin.knowledge': 'База знаний',
  'admin.macros': 'Макросы',
};
