/** Administration of the classifier: versions with their figures, activation (rollback), retraining, the threshold. */
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import type { Actor } from '../identity/actor.js';
import { AppError } from '../../shared/errors.js';
import { assertCanManageModels, assertCanReadModels } from './policy.js';
import { modelColumns, readThreshold, setActive, writeThreshold } from './queries.js';
import { invalidateActiveModel } from './active-model.js';

export async function listModelRows(exec: Executor) {
  const rows = await exec
    .selectFrom('classifier_models as m')
    .leftJoin('users as u', 'u.id', 'm.created_by')
    .select(modelColumns.map((c) => `m.${c}` as const))
    .select('u.name as created_by_name')
    .orderBy('m.id', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.id,
    createdAt: r.created_at,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    source: r.source,
    trainingSize: r.training_size,
    accuracy: r.accuracy,
    macroF1: r.macro_f1,
    evaluation: r.evaluation,
    active: r.active,
    activatedAt: r.activated_at,
    note: r.note,
  }));
}

export async function listModels(ctx: AppContext, actor: Actor) {
  assertCanReadModels(actor);
  return { items: await listModelRows(ctx.db) };
}

/** Activates a stored version; activating an earlier one is the rollback. Every process picks it up within seconds. */
export async function activateModel(ctx: Pick<AppContext, 'db' | 'clock'>, actor: Actor | null, version: number) {
  if (actor) assertCanManageModels(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('classifier_models').select(['id', 'active']).where('id', '=', version).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `No classifier model version ${version}`);
    if (!row.active) await setActive(trx, version, ctx.clock.now());
  });
  invalidateActiveModel(ctx.db);
  return { items: await listModelRows(ctx.db) };
}

/** Queues a retraining (the job stores a new version and activates it only if not worse). */
export async function requestRetrain(ctx: AppContext, actor: Actor, activate: 'auto' | 'always' | 'never' = 'auto') {
  assertCanManageModels(actor);
  const jobId = await ctx.db.transaction().execute((trx) => ctx.jobs.send(trx, 'classifier.train', { actorId: actor.userId, activate }, { singletonKey: 'classifier.train' }));
  return { jobId, queued: jobId !== null };
}

export async function getClassifierSettings(ctx: AppContext, actor: Actor) {
  assertCanReadModels(actor);
  return { autoApplyThreshold: await readThreshold(ctx.db) };
}

export async function setClassifierSettings(ctx: AppContext, actor: Actor, input: { autoApplyThreshold: number }) {
  assertCanManageModels(actor);
  await writeThreshold(ctx.db, input.autoApplyThreshold, ctx.clock.now());
  return { autoApplyThreshold: await readThreshold(ctx.db) };
}
