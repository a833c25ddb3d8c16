/**
 * Classifier benchmark: per-request latency, training time and 5-fold figures on the Endava IT
 * ticket set (Document → Topic_group), next to the plain TF-IDF + logistic regression baseline.
 * Run: npx tsx bench/classify.ts   (datasets dir: TIERDESK_DATASETS_DIR or ../shared/datasets)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  ClassifierModel,
  crossValidate,
  formatReport,
  loadCorpus,
  loadModel,
  readLabelledCsv,
  trainDefaultModel,
  DEFAULT_MODEL_PATH,
  suggest,
} from '../src/modules/classification/index.js';

function datasetPath(): string {
  // Benchmarks are standalone programs, not the server: reading the env directly is fine here.
  const dir = process.env.TIERDESK_DATASETS_DIR ?? path.resolve('..', 'shared', 'datasets');
  return path.join(dir, 'endava-it-tickets', 'all_tickets_processed_improved_v3.csv');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function latency(label: string, model: ClassifierModel, texts: readonly string[]): void {
  for (const t of texts.slice(0, 200)) model.predictAll(t); // warm up the JIT
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const t of texts) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    model.predictAll(t);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const heads = model.targets.length;
  const fmt = (xs: number[]): string =>
    `p50 ${percentile(xs, 50).toFixed(3)} ms  p99 ${percentile(xs, 99).toFixed(3)} ms  max ${(xs.at(-1) ?? 0).toFixed(2)} ms`;
  console.log(`${label} (${heads} head${heads > 1 ? 's' : ''}), n=${texts.length}`);
  console.log(`  wall ${fmt(wall)}`);
  // CPU time leaves out time the process sat descheduled, so it stays meaningful on a busy machine.
  console.log(`  cpu  ${fmt(cpu)}`);
}

/**
 * The engine path of create-ticket.ts: subject + description through suggest() with the cached active
 * model (no database). Texts are split into a subject (first line or 80 characters) and the rest.
 */
function inProduct(model: ClassifierModel, texts: readonly string[]): void {
  const requests = Array.from({ length: 3000 }, (_, i) => {
    const t = texts[i % texts.length] ?? '';
    const cut = Math.min(80, t.indexOf('.') > 0 ? t.indexOf('.') : 80);
    return { subject: t.slice(0, cut), description: t.slice(cut) };
  });
  for (const r of requests.slice(0, 200)) suggest(model, r.subject, r.description);
  const run = (label: string, rs: ReadonlyArray<{ subject: string; description: string }>) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const r of rs) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      suggest(model, r.subject, r.description);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const fmt = (xs: number[]): string => `p50 ${percentile(xs, 50).toFixed(3)} ms  p99 ${percentile(xs, 99).toFixed(3)} ms  max ${(xs.at(-1) ?? 0).toFixed(2)} ms`;
    console.log(`${label}, n=${rs.length}`);
    console.log(`  wall ${fmt(wall)}`);
    console.log(`  cpu  ${fmt(cpu)}`);
  };
  run('suggest(), corpus requests', requests);
  const dump = 'E0412 kubectl get pods: CrashLoopBackOff 10.0.0.5:5432 FATAL too many clients\n'.repeat(13_000);
  run(`suggest(), ${(dump.length / 1e6).toFixed(1)} MB error dump`, Array.from({ length: 50 }, () => ({ subject: 'help', description: dump })));
}

export async function run(): Promise<void> {
  const corpus = await loadCorpus();
  const defaultModel = existsSync(DEFAULT_MODEL_PATH) ? await loadModel() : trainDefaultModel(corpus);
  const corpusTexts = Array.from({ length: 3000 }, (_, i) => corpus[i % corpus.length]?.text ?? '');

  console.log('== latency: default model (type, service, catalogue, priority, line), corpus texts');
  latency(`default model, all ${defaultModel.targets.length} targets`, defaultModel, corpusTexts);

  console.log('\n== in-product classification: suggest() as run on every new request (4 product targets, explanations, heuristics)');
  inProduct(defaultModel, corpus.map((e) => e.text));

  if (process.env.TIERDESK_BENCH_CLASSIFY_PRODUCT_ONLY === '1') return;

  const file = datasetPath();
  if (!existsSync(file)) {
    console.log(`\nEndava set not found at ${file}; set TIERDESK_DATASETS_DIR. Skipping the rest.`);
    return;
  }
  const { texts, labels } = await readLabelledCsv(file, 'Document', 'Topic_group');

  console.log(`\n== training on the full Endava set (${texts.length} tickets, Topic_group)`);
  const t0 = performance.now();
  const endava = ClassifierModel.train(texts, { topic: labels });
  const trainMs = performance.now() - t0;
  console.log(`training time ${(trainMs / 1000).toFixed(1)} s, ${endava.vectorizer.size} features`);

  console.log('\n== latency: Endava model');
  const sample = Array.from({ length: 3000 }, (_, i) => texts[(i * 7919) % texts.length] ?? '');
  latency('Endava model, 1 target', endava, sample);

  console.log('\n== 5-fold stratified cross-validation on Endava (Document → Topic_group)');
  const started = performance.now();
  const report = crossValidate(texts, labels, {
    folds: 5,
    onProgress: (m) => console.error(`  ${((performance.now() - started) / 1000).toFixed(1)}s ${m}`),
  });
  console.log(formatReport(report));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
}
