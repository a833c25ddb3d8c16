/** SQL of the classifier tables; the executor comes first so the caller owns the transaction. */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Executor } from '../../db/executor.js';
import { ClassifierModel } from './model.js';
import type { ProductTarget } from './catalogue-map.js';

export const THRESHOLD_KEY = 'classifier.auto_apply_threshold';
export const DEFAULT_THRESHOLD = 0.85;

export function encodeModel(model: ClassifierModel): Buffer {
  return gzipSync(JSON.stringify(model.toJSON()));
}

export function decodeModel(params: Buffer | Uint8Array): ClassifierModel {
  return ClassifierModel.fromJSON(JSON.parse(gunzipSync(params).toString('utf8')) as unknown);
}

export interface TargetFigures {
  accuracy: number;
  macroF1: number;
  folds: number;
  n: number;
}

export interface NewModelRow {
  createdBy: string | null;
  source: 'default' | 'trained';
  trainingSize: number;
  evaluation: Record<string, TargetFigures>;
  model: ClassifierModel;
  note?: string | null;
}

/** Mean over the targets the product uses: one figure to compare versions by. */
export function overall(evaluation: Record<string, TargetFigures>): { accuracy: number | null; macroF1: number | null } {
  const xs = Object.entries(evaluation).filter(([t]) => t !== 'service').map(([, v]) => v);
  if (!xs.length) return { accuracy: null, macroF1: null };
  return {
    accuracy: xs.reduce((s, v) => s + v.accuracy, 0) / xs.length,
    macroF1: xs.reduce((s, v) => s + v.macroF1, 0) / xs.length,
  };
}

export async function insertModel(exec: Executor, m: NewModelRow): Promise<number> {
  const o = overall(m.evaluation);
  const row = await exec
    .insertInto('classifier_models')
    .values({
      created_by: m.createdBy,
      source: m.source,
      training_size: m.trainingSize,
      accuracy: o.accuracy,
      macro_f1: o.macroF1,
      evaluation: JSON.stringify(m.evaluation),
      params: encodeModel(m.model),
      note: m.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const modelColumns = ['id', 'created_at', 'created_by', 'source', 'training_size', 'accuracy', 'macro_f1', 'evaluation', 'active', 'activated_at', 'note'] as const;

export async function activeModelId(exec: Executor): Promise<number | null> {
  const row = await exec.selectFrom('classifier_models').select('id').where('active', '=', true).executeTakeFirst();
  return row?.id ?? null;
}

export async function modelRow(exec: Executor, id: number) {
  return exec.selectFrom('classifier_models').select(modelColumns).where('id', '=', id).executeTakeFirst();
}

export async function modelParams(exec: Executor, id: number): Promise<Buffer | null> {
  const row = await exec.selectFrom('classifier_models').select('params').where('id', '=', id).executeTakeFirst();
  return row ? Buffer.from(row.params) : null;
}

/** Makes `id` the only active version. */
export async function setActive(exec: Executor, id: number, at: Date): Promise<void> {
  await exec.updateTable('classifier_models').set({ active: false }).where('active', '=', true).where('id', '!=', id).execute();
  await exec.updateTable('classifier_models').set({ active: true, activated_at: at }).where('id', '=', id).where('active', '=', false).execute();
}

export async function readThreshold(exec: Executor): Promise<number> {
  const row = await exec.selectFrom('settings').select('value').where('key', '=', THRESHOLD_KEY).executeTakeFirst();
  const v = typeof row?.value === 'number' ? row.value : Number(row?.value);
  return Number.isFinite(v) && v > 0 && v <= 1 ? v : DEFAULT_THRESHOLD;
}

export async function writeThreshold(exec: Executor, value: number, at: Date): Promise<void> {
  await exec
    .insertInto('settings')
    .values({ key: THRESHOLD_KEY, value: JSON.stringify(value), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
    .execute();
}

export async function suggestionsOf(exec: Executor, ticketId: string) {
  return exec
    .selectFrom('ticket_classifications')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .execute();
}

export type SuggestionRow = Awaited<ReturnType<typeof suggestionsOf>>[number];
export type { ProductTarget };
