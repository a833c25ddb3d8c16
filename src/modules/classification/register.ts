/** Wiring of the classifier into a process: the creation subscriber, the shipped default model, the training worker. */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import type { AppContext } from '../../shared/context.js';
import type { JobQueue } from '../../jobs/queue.js';
import { subscribe } from '../audit/index.js';
import { DEFAULT_MODEL_PATH } from './corpus.js';
import { storeOnCreated } from './classify-new-request.js';
import { overall, setActive, type TargetFigures } from './queries.js';
import { trainModel } from './train-model.js';

export const DEFAULT_EVAL_PATH = DEFAULT_MODEL_PATH.replace(/\.json$/, '.eval.json');
export const TRAIN_QUEUE = 'classifier.train';
/** Weekly, Monday 03:00 UTC: a quiet hour, and a week of overrides is worth a new version. */
export const TRAIN_CRON = '0 3 * * 1';

/** Call once per process at boot: registers the subscriber and installs the default model as version 1 when none exists. */
export async function startClassifier(ctx: AppContext): Promise<void> {
  subscribe(storeOnCreated);
  await installDefaultModel(ctx);
}

export async function installDefaultModel(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number | null> {
  const any = await ctx.db.selectFrom('classifier_models').select('id').limit(1).executeTakeFirst();
  if (any || !existsSync(DEFAULT_MODEL_PATH)) return null;
  // The shipped JSON is stored as is (compressed): no parse at boot; the first classification decodes it.
  const [raw, evaluation] = await Promise.all([
    readFile(DEFAULT_MODEL_PATH),
    existsSync(DEFAULT_EVAL_PATH) ? readFile(DEFAULT_EVAL_PATH, 'utf8').then((s) => JSON.parse(s) as Record<string, TargetFigures>) : Promise.resolve({}),
  ]);
  const params = gzipSync(raw, { level: 1 });
  return ctx.db.transaction().execute(async (trx) => {
    // Two processes starting at once: one installs, the other sees its row.
    await sql`SELECT pg_advisory_xact_lock(hashtext('tierdesk.classifier.default'))`.execute(trx);
    const again = await trx.selectFrom('classifier_models').select('id').limit(1).executeTakeFirst();
    if (again) return null;
    const o = overall(evaluation);
    const row = await trx
      .insertInto('classifier_models')
      .values({
        source: 'default',
        created_by: null,
        training_size: Number((evaluation as Record<string, TargetFigures>).type?.n ?? 0),
        accuracy: o.accuracy,
        macro_f1: o.macroF1,
        evaluation: JSON.stringify(evaluation),
        params,
        note: 'shipped default model (data/classifier)',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setActive(trx, row.id, ctx.clock.now());
    return row.id;
  });
}

export async function registerClassifierWorkers(ctx: AppContext, jobs: JobQueue): Promise<void> {
  await jobs.work<{ actorId?: string | null; activate?: 'auto' | 'always' | 'never' }>(TRAIN_QUEUE, async (data) => {
    const r = await trainModel(ctx, { actorId: data?.actorId ?? null, activate: data?.activate ?? 'auto', note: data?.actorId ? 'retrained by an administrator' : 'weekly retraining' });
    console.warn(JSON.stringify({ level: 30, msg: 'classifier retrained', version: r.version, activated: r.activated, reason: r.reason, trainingSize: r.trainingSize }));
  }, { concurrency: 1, batchSize: 1 });
  await jobs.schedule(TRAIN_QUEUE, TRAIN_CRON);
}
