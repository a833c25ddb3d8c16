/** UI strings of one area (classifier), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const classifierEn = {
  'admin.classifier': 'Classifier',
};

export const classifierRu: Record<keyof typeof classifierEn, string> = {
  'admin.classifier': 'Классификатор',
};
