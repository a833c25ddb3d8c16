/**
 * `tierdesk classify …`: evaluate the text classifier on a labelled CSV/JSONL file, train the
 * default model from data/classifier/, or classify one text.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  DEFAULT_EVAL_PATH,
  DEFAULT_TRAIN_OPTIONS,
  MODEL_TARGETS,
  activateModel,
  catalogueCodeFor,
  installDefaultModel,
  listModelRows,
  trainModel,
  DEFAULT_CORPUS_PATH,
  DEFAULT_MODEL_PATH,
  crossValidate,
  formatReport,
  loadCorpus,
  loadModel,
  readLabelledCsv,
  saveModel,
  trainDefaultModel,
} from '../modules/classification/index.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/engine.js';
import { embeddedTemplate } from '../db/setup.js';
import { systemClock } from '../shared/clock.js';

const USAGE = `usage:
  tierdesk classify eval --data FILE.csv --text-col NAME --label-col NAME [--folds 5] [--no-baseline]
      (a .jsonl file works too: --text-col text --label-col type)
  tierdesk classify train-default [--corpus data/classifier/corpus.jsonl] [--out data/classifier/default-model.json]
  tierdesk classify predict [--model FILE] TEXT
  tierdesk classify train [--activate auto|always|never] [--folds 5]
      train on the default corpus + resolved requests + overrides; store a new version in the database
      (auto: activated only if its k-fold macro-F1 is not worse than the active version's)
  tierdesk classify models              list the stored versions with their figures
  tierdesk classify rollback VERSION    make an earlier (or any stored) version the active model`;

async function readJsonl(file: string, textCol: string, labelCol: string): Promise<{ texts: string[]; labels: string[] }> {
  const texts: string[] = [];
  const labels: string[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    const t = row[textCol];
    const l = row[labelCol];
    if (typeof t === 'string' && (typeof l === 'string' || typeof l === 'number')) {
      texts.push(t);
      labels.push(String(l));
    }
  }
  return { texts, labels };
}

async function evalCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string' },
      'text-col': { type: 'string' },
      'label-col': { type: 'string' },
      folds: { type: 'string', default: '5' },
      'no-baseline': { type: 'boolean', default: false },
    },
  });
  const data = values.data;
  const textCol = values['text-col'];
  const labelCol = values['label-col'];
  const folds = Number(values.folds);
  if (!data || !textCol || !labelCol || !Number.isInteger(folds) || folds < 2) {
    console.error(USAGE);
    return 2;
  }
  const { texts, labels } = data.endsWith('.jsonl')
    ? await readJsonl(data, textCol, labelCol)
    : await readLabelledCsv(data, textCol, labelCol);
  if (texts.length < folds) {
    console.error(`only ${texts.length} labelled rows in ${data}`);
    return 1;
  }
  const started = performance.now();
  const report = crossValidate(texts, labels, {
    folds,
    baseline: !values['no-baseline'],
    onProgress: (m) => console.error(`  ${((performance.now() - started) / 1000).toFixed(1)}s ${m}`),
  });
  console.log(formatReport(report));
  return 0;
}

async function trainDefaultCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      corpus: { type: 'string', default: DEFAULT_CORPUS_PATH },
      out: { type: 'string', default: DEFAULT_MODEL_PATH },
    },
  });
  const started = performance.now();
  const examples = await loadCorpus(values.corpus);
  const model = trainDefaultModel(examples);
  await saveModel(model, values.out);
  const ms = performance.now() - started;
  console.log(`trained ${model.targets.join(', ')} on ${examples.length} examples, ${model.vectorizer.size} features, ${ms.toFixed(0)} ms`);
  console.log(`wrote ${values.out}`);
  // The figures the admin page shows for version 1 (k-fold on the corpus, as for trained versions).
  const evaluation: Record<string, { accuracy: number; macroF1: number; folds: number; n: number }> = {};
  for (const target of MODEL_TARGETS) {
    const ys = examples.map((e) => (target === 'catalogue' ? catalogueCodeFor(e.service, e.type) : e[target]));
    const r = crossValidate(examples.map((e) => e.text), ys, { folds: 5, baseline: false, model: DEFAULT_TRAIN_OPTIONS });
    evaluation[target] = { accuracy: r.model.accuracy, macroF1: r.model.macroF1, folds: 5, n: r.n };
    console.log(`${target.padEnd(9)} 5-fold accuracy ${(r.model.accuracy * 100).toFixed(1)} %  macro-F1 ${(r.model.macroF1 * 100).toFixed(1)} %`);
  }
  if (values.out === DEFAULT_MODEL_PATH) {
    await writeFile(DEFAULT_EVAL_PATH, JSON.stringify(evaluation, null, 2) + '\n');
    console.log(`wrote ${DEFAULT_EVAL_PATH}`);
  }
  return 0;
}

async function predictCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string', default: DEFAULT_MODEL_PATH } },
  });
  const text = positionals.join(' ');
  if (!text) {
    console.error(USAGE);
    return 2;
  }
  const model = await loadModel(values.model);
  for (const [target, p] of Object.entries(model.predictAll(text))) {
    const why = p.explanation.slice(0, 5).map((e) => e.term).join(', ');
    console.log(`${target.padEnd(9)} ${p.label.padEnd(16)} ${(p.confidence * 100).toFixed(0).padStart(3)} %  (${why})`);
  }
  return 0;
}

/** Runs `fn` against the configured database (the same settings as the server). */
async function withDatabase<T>(fn: (ctx: { db: Kysely<DB>; clock: typeof systemClock }) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2, template: () => embeddedTemplate() });
  try {
    const ctx = { db: database.db, clock: systemClock };
    await installDefaultModel(ctx);
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

const pct = (v: number | null) => (v === null ? '    —' : `${(v * 100).toFixed(1).padStart(5)} %`);

async function printModels(db: Kysely<DB>): Promise<void> {
  console.log('version  source   active  trained on  accuracy  macro-F1  created');
  for (const m of await listModelRows(db)) {
    console.log(
      `${String(m.version).padStart(7)}  ${m.source.padEnd(7)}  ${(m.active ? 'yes' : '').padEnd(6)}  ${String(m.trainingSize).padStart(10)}  ${pct(m.accuracy)}  ${pct(m.macroF1)}  ${m.createdAt.toISOString()}`,
    );
  }
}

async function trainCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { activate: { type: 'string', default: 'auto' }, folds: { type: 'string', default: '5' } } });
  const activate = values.activate;
  const folds = Number(values.folds);
  if ((activate !== 'auto' && activate !== 'always' && activate !== 'never') || !Number.isInteger(folds) || folds < 2 || folds > 20) {
    console.error(USAGE);
    return 2;
  }
  return withDatabase(async (ctx) => {
    const started = performance.now();
    const r = await trainModel(ctx, { activate, folds, note: 'tierdesk classify train' });
    console.log(`version ${r.version}: ${r.counts.corpus} corpus + ${r.counts.history} resolved requests + ${r.counts.overrides} overrides, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    for (const [t, f] of Object.entries(r.evaluation)) console.log(`  ${t.padEnd(9)} ${folds}-fold accuracy ${pct(f.accuracy)}  macro-F1 ${pct(f.macroF1)}`);
    console.log(r.activated ? `activated: ${r.reason}` : `not activated: ${r.reason}`);
    return 0;
  });
}

async function rollbackCommand(args: string[]): Promise<number> {
  const version = Number(args[0]);
  if (!Number.isInteger(version) || version < 1) {
    console.error(USAGE);
    return 2;
  }
  return withDatabase(async (ctx) => {
    await activateModel(ctx, null, version);
    console.log(`version ${version} is now the active model (running servers switch within a few seconds)`);
    await printModels(ctx.db);
    return 0;
  });
}

export async function classifyCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'eval':
        return await evalCommand(rest);
      case 'train-default':
        return await trainDefaultCommand(rest);
      case 'predict':
        return await predictCommand(rest);
      case 'train':
        return await trainCommand(rest);
      case 'rollback':
        return await rollbackCommand(rest);
      case 'models':
        return await withDatabase(async (ctx) => {
          await printModels(ctx.db);
          return 0;
        });
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

// Runnable on its own until the main CLI dispatches to it.
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await classifyCli(process.argv.slice(2));
}
