/** UI strings of one area (slaAdmin), kept apart so areas can grow independently; spread into en.ts and ru.ts. */
export const slaAdminEn = {
  'admin.sla': 'SLA',
};

export const slaAdminRu: Record<keyof typeof slaAdminEn, string> = {
  'admin.sla': 'SLA',
};
