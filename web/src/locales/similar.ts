/** UI strings of one area (similar), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const similarEn = {
};

export const similarRu: Record<keyof typeof similarEn, string> = {
};
