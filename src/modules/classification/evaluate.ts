/**
 * Stratified k-fold cross-validation with per-class figures and a plain TF-IDF + logistic
 * regression baseline scored on exactly the same folds, so the two numbers are comparable.
 */
import { rng, scores, shuffleInPlace } from './linear.js';
import { trainHead } from './model.js';
import type { TrainOptions } from './model.js';
import { BASELINE_VECTORIZER, DEFAULT_VECTORIZER, Vectorizer, analyze } from './vectorizer.js';

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[actual][predicted], in `labels` order. */
  confusion: number[][];
  labels: string[];
  /** Mean wall time to fit the vectoriser and train one fold. */
  trainMsPerFold: number;
}

export interface EvalOptions {
  folds?: number;
  seed?: number;
  model?: TrainOptions;
  /** Also score the plain baseline; on by default. */
  baseline?: boolean;
  onProgress?: (message: string) => void;
}

export interface EvalReport {
  n: number;
  folds: number;
  model: Metrics;
  baseline?: Metrics;
}

/** Fold number per example; each class is dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 42): Int32Array {
  const byClass = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const fold = new Int32Array(labels.length);
  const rand = rng(seed);
  let offset = 0;
  for (const key of [...byClass.keys()].sort()) {
    const idx = shuffleInPlace(byClass.get(key) ?? [], rand);
    // Rotating the start keeps small classes from always landing in fold 0.
    idx.forEach((i, n) => { fold[i] = (n + offset) % k; });
    offset += idx.length;
  }
  return fold;
}

export function computeMetrics(actual: readonly string[], predicted: readonly string[], trainMsPerFold = 0): Metrics {
  const labels = [...new Set([...actual, ...predicted])].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i] ?? '';
    const row = confusion[index.get(a) ?? 0];
    const col = index.get(p) ?? 0;
    if (row) row[col] = (row[col] ?? 0) + 1;
    if (a === p) correct++;
  });
  const perClass = labels.map((label, k) => {
    const tp = confusion[k]?.[k] ?? 0;
    const support = (confusion[k] ?? []).reduce((s, v) => s + v, 0);
    const predictedK = confusion.reduce((s, row) => s + (row[k] ?? 0), 0);
    const precision = predictedK ? tp / predictedK : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const present = perClass.filter((c) => c.support > 0);
  return {
    accuracy: actual.length ? correct / actual.length : 0,
    macroF1: present.reduce((s, c) => s + c.f1, 0) / Math.max(1, present.length),
    perClass,
    confusion,
    labels,
    trainMsPerFold,
  };
}

function crossValidateOne(
  analyzed: readonly (readonly string[])[],
  labels: readonly string[],
  fold: Int32Array,
  k: number,
  train: TrainOptions,
  progress: (m: string) => void,
): Metrics {
  const vOpts = { ...DEFAULT_VECTORIZER, ...train.vectorizer };
  const predicted: string[] = new Array<string>(labels.length).fill('');
  let trainMs = 0;
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    fold.forEach((v, i) => (v === f ? testIdx : trainIdx).push(i));
    const t0 = performance.now();
    const vec = Vectorizer.fit(trainIdx.map((i) => analyzed[i] ?? []), vOpts);
    const X = trainIdx.map((i) => vec.transformAnalyzed(analyzed[i] ?? []));
    const head = trainHead(X, trainIdx.map((i) => labels[i] ?? ''), vec.size, train);
    trainMs += performance.now() - t0;
    for (const i of testIdx) {
      const s = scores(head, vec.transformAnalyzed(analyzed[i] ?? []));
      let best = 0;
      for (let c = 1; c < s.length; c++) if ((s[c] ?? 0) > (s[best] ?? 0)) best = c;
      predicted[i] = head.labels[best] ?? '';
    }
    progress(`fold ${f + 1}/${k} done (${vec.size} features)`);
  }
  return computeMetrics(labels, predicted, trainMs / k);
}

export function crossValidate(texts: readonly string[], labels: readonly string[], options: EvalOptions = {}): EvalReport {
  const k = options.folds ?? 5;
  if (k < 2) throw new Error('need at least 2 folds');
  if (texts.length !== labels.length) throw new Error('texts and labels differ in length');
  const progress = options.onProgress ?? (() => undefined);
  const fold = stratifiedFolds(labels, k, options.seed ?? 42);
  const train = options.model ?? {};
  const vOpts = { ...DEFAULT_VECTORIZER, ...train.vectorizer };
  // Analysis does not depend on the fold, so it runs once instead of k times.
  const analyzed = texts.map((t) => analyze(t, vOpts));
  progress('analysed texts');
  const model = crossValidateOne(analyzed, labels, fold, k, train, (m) => progress(`model: ${m}`));
  const report: EvalReport = { n: texts.length, folds: k, model };
  if (options.baseline ?? true) {
    const plain = texts.map((t) => analyze(t, BASELINE_VECTORIZER));
    report.baseline = crossValidateOne(
      plain, labels, fold, k,
      { vectorizer: BASELINE_VECTORIZER, algorithm: 'logreg', logreg: train.logreg },
      (m) => progress(`baseline: ${m}`),
    );
  }
  return report;
}

const pct = (v: number): string => (v * 100).toFixed(1).padStart(5);

/** A fixed-width text rendering of a report for terminals and logs. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  const m = report.model;
  lines.push(`${report.n} examples, ${report.folds}-fold stratified cross-validation`);
  lines.push('');
  lines.push('                 accuracy  macro-F1  train ms/fold');
  lines.push(`model            ${pct(m.accuracy)} %  ${pct(m.macroF1)} %  ${m.trainMsPerFold.toFixed(0).padStart(8)}`);
  if (report.baseline) {
    const b = report.baseline;
    lines.push(`baseline (plain) ${pct(b.accuracy)} %  ${pct(b.macroF1)} %  ${b.trainMsPerFold.toFixed(0).padStart(8)}`);
  }
  lines.push('');
  const w = Math.max(8, ...m.labels.map((l) => l.length));
  lines.push(`${'class'.padEnd(w)}  precision  recall     F1  support`);
  for (const c of m.perClass) {
    lines.push(`${c.label.padEnd(w)}    ${pct(c.precision)}   ${pct(c.recall)}  ${pct(c.f1)}  ${String(c.support).padStart(7)}`);
  }
  lines.push('');
  lines.push('confusion (rows = actual, columns = predicted):');
  const short = m.labels.map((l) => l.slice(0, 6).padStart(6));
  lines.push(`${''.padEnd(w)} ${short.join(' ')}`);
  m.confusion.forEach((row, i) => {
    lines.push(`${(m.labels[i] ?? '').padEnd(w)} ${row.map((v) => String(v).padStart(6)).join(' ')}`);
  });
  return lines.join('\n');
}
