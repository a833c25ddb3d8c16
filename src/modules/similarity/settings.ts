import { z } from 'zod';
import type { Executor } from '../../db/executor.js';

export const SETTINGS_KEY = 'similarity';

/** Tunables of the intake scan, stored in `settings` under 'similarity'; missing keys take the defaults. */
export const similaritySettingsSchema = z.object({
  duplicateThreshold: z.number().min(0.05).max(1).describe('score from which a request of the same organisation is a likely duplicate'),
  relatedThreshold: z.number().min(0.01).max(1).describe('lowest score listed as similar'),
  lookbackDays: z.number().int().min(1).max(365).describe('how far back open requests are compared'),
  massOutageMinOrganizations: z.number().int().min(2).max(1000).describe('distinct organisations that make a mass-outage candidate'),
  massOutageWindowMinutes: z.number().int().min(1).max(24 * 60).describe('window within which their requests arrive'),
});
export type SimilaritySettings = z.infer<typeof similaritySettingsSchema>;

export const defaultSettings: SimilaritySettings = {
  duplicateThreshold: 0.5,
  relatedThreshold: 0.2,
  lookbackDays: 14,
  massOutageMinOrganizations: 3,
  massOutageWindowMinutes: 30,
};

export async function loadSettings(exec: Executor): Promise<SimilaritySettings> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  const stored = similaritySettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...defaultSettings, ...(stored.success ? stored.data : {}) };
}

export async function saveSettings(exec: Executor, patch: Partial<SimilaritySettings>): Promise<SimilaritySettings> {
  const next = { ...(await loadSettings(exec)), ...patch };
  await exec
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value: JSON.stringify(next) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(next), updated_at: new Date() }))
    .execute();
  return next;
}
