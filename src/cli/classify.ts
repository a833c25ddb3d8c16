/**
 * `tierdesk classify …`: evaluate the text classifier on a labelled CSV/JSONL file, train the
 * default model from data/classifier/, or classify one text.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
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

const USAGE = `usage:
  tierdesk classify eval --data FILE.csv --text-col NAME --label-col NAME [--folds 5] [--no-baseline]
      (a .jsonl file works too: --text-col text --label-col type)
  tierdesk classify train-default [--corpus data/classifier/corpus.jsonl] [--out data/classifier/default-model.json]
  tierdesk classify predict [--model FILE] TEXT`;

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
