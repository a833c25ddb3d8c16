/**
 * Retraining on the desk's own history: the default corpus, plus the final labels of resolved
 * requests, plus L1's overrides (repeated OVERRIDE_WEIGHT times: a correction is the strongest
 * signal there is). The new version is evaluated by stratified k-fold per target on the same data
 * (each example once) and stored; it becomes active by itself only when its macro-F1 is not worse
 * than the active version's (within AUTO_ACTIVATE_TOLERANCE), otherwise an admin decides.
 */
import type { AppContext } from '../../shared/context.js';
import type { Executor } from '../../db/executor.js';
import { crossValidate } from './evaluate.js';
import { ClassifierModel } from './model.js';
import { DEFAULT_TRAIN_OPTIONS, loadCorpus } from './corpus.js';
import { catalogueCodeFor, serviceForCatalogue } from './catalogue-map.js';
import { requestText } from './suggest.js';
import { insertModel, modelRow, activeModelId, setActive, type TargetFigures } from './queries.js';
import { invalidateActiveModel } from './active-model.js';

export const OVERRIDE_WEIGHT = 8;
export const AUTO_ACTIVATE_TOLERANCE = 0.005;
/** The most recent resolved requests used; older history adds training time, not quality. */
export const HISTORY_LIMIT = 20_000;
const HEADS = ['type', 'service', 'catalogue', 'priority', 'line'] as const;

interface Example {
  text: string;
  labels: Record<(typeof HEADS)[number], string>;
  weight: number;
}

export interface TrainResult {
  version: number;
  activated: boolean;
  reason: string;
  trainingSize: number;
  counts: { corpus: number; history: number; overrides: number };
  evaluation: Record<string, TargetFigures>;
  macroF1: number | null;
  previous: { version: number; macroF1: number | null } | null;
}

export interface TrainOptions {
  actorId?: string | null;
  /** auto (default): only if not worse than the active version; always; never. */
  activate?: 'auto' | 'always' | 'never';
  folds?: number;
  note?: string | null;
}

/** Resolved requests with their final labels (type, catalogue item, priority, line). */
async function history(exec: Executor): Promise<Example[]> {
  const rows = await exec
    .selectFrom('tickets as t')
    .innerJoin('catalogue_items as c', 'c.id', 't.catalogue_item_id')
    .innerJoin('lines as l', 'l.id', 't.line_id')
    .select(['t.subject', 't.description', 't.type', 't.priority', 'c.code', 'l.code as line'])
    .where('t.status', 'in', ['resolved', 'closed'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('classifier_overrides as o').select('o.id').whereRef('o.ticket_id', '=', 't.id'))))
    .orderBy('t.created_at', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  return rows.map((r) => ({
    text: requestText(r.subject, r.description),
    labels: { type: r.type, service: serviceForCatalogue(r.code), catalogue: r.code, priority: r.priority, line: r.line },
    weight: 1,
  }));
}

async function overrides(exec: Executor): Promise<Example[]> {
  const rows = await exec
    .selectFrom('classifier_overrides')
    .select(['text', 'labels', 'ticket_id'])
    .orderBy('id', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  // The latest correction of a request wins.
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const r of rows) {
    if (seen.has(r.ticket_id)) continue;
    seen.add(r.ticket_id);
    const l = r.labels;
    if (!l.type || !l.catalogue || !l.priority || !l.line) continue;
    out.push({ text: r.text, labels: { type: l.type, service: serviceForCatalogue(l.catalogue), catalogue: l.catalogue, priority: l.priority, line: l.line }, weight: OVERRIDE_WEIGHT });
  }
  return out;
}

/** Yield to the event loop between heavy steps so a server process sharing the worker stays responsive. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function trainModel(ctx: Pick<AppContext, 'db' | 'clock'>, opts: TrainOptions = {}): Promise<TrainResult> {
  const corpus = (await loadCorpus()).map<Example>((e) => ({
    text: e.text,
    labels: { type: e.type, service: e.service, catalogue: catalogueCodeFor(e.service, e.type), priority: e.priority, line: e.line },
    weight: 1,
  }));
  const hist = await history(ctx.db);
  const over = await overrides(ctx.db);
  const examples = [...corpus, ...hist, ...over];

  const texts: string[] = [];
  const labels: Record<string, string[]> = Object.fromEntries(HEADS.map((h) => [h, [] as string[]]));
  for (const e of examples) {
    for (let i = 0; i < e.weight; i++) {
      texts.push(e.text);
      for (const h of HEADS) labels[h]?.push(e.labels[h]);
    }
  }
  await breathe();
  const model = ClassifierModel.train(texts, labels, DEFAULT_TRAIN_OPTIONS, {
    source: 'trained',
    corpus: corpus.length,
    history: hist.length,
    overrides: over.length,
    overrideWeight: OVERRIDE_WEIGHT,
  });

  // Evaluated on each example once: repeated overrides in both train and test folds would flatter it.
  const folds = opts.folds ?? 5;
  const evaluation: Record<string, TargetFigures> = {};
  for (const h of ['type', 'catalogue', 'priority', 'line'] as const) {
    await breathe();
    const ys = examples.map((e) => e.labels[h]);
    const r = crossValidate(examples.map((e) => e.text), ys, { folds, baseline: false, model: DEFAULT_TRAIN_OPTIONS });
    evaluation[h] = { accuracy: r.model.accuracy, macroF1: r.model.macroF1, folds, n: r.n };
  }

  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const version = await insertModel(trx, {
      createdBy: opts.actorId ?? null,
      source: 'trained',
      trainingSize: examples.length,
      evaluation,
      model,
      note: opts.note ?? null,
    });
    const row = await modelRow(trx, version);
    const activeId = await activeModelId(trx);
    const active = activeId === null ? undefined : await modelRow(trx, activeId);
    const mine = row?.macro_f1 ?? null;
    const theirs = active?.macro_f1 ?? null;
    const mode = opts.activate ?? 'auto';
    let activated = false;
    let reason: string;
    if (mode === 'never') reason = 'stored; activation not requested';
    else if (mode === 'always' || !active) {
      activated = true;
      reason = mode === 'always' ? 'activated as requested' : 'no active version';
    } else if (mine !== null && (theirs === null || mine >= theirs - AUTO_ACTIVATE_TOLERANCE)) {
      activated = true;
      reason = `macro-F1 ${pct(mine)} is not worse than the active v${active.id} (${pct(theirs)})`;
    } else {
      reason = `kept inactive: macro-F1 ${pct(mine)} is worse than the active v${active.id} (${pct(theirs)})`;
    }
    if (activated) await setActive(trx, version, now);
    return { version, activated, reason, macroF1: mine, previous: active ? { version: active.id, macroF1: theirs } : null };
  });
  invalidateActiveModel(ctx.db);
  return {
    ...result,
    trainingSize: examples.length,
    counts: { corpus: corpus.length, history: hist.length, overrides: over.length },
    evaluation,
  };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
