/** UI strings of one area (catalogue), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const catalogueEn = {
  'admin.catalogue': 'Catalogue',
};

export const catalogueRu: Record<keyof typeof catalogueEn, string> = {
  'admin.catalogue': 'Каталог',
};
