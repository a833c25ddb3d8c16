import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { readLabelledCsv } from './csv.js';
import { computeMetrics, crossValidate, formatReport, stratifiedFolds } from './evaluate.js';

describe('stratifiedFolds', () => {
  it('spreads every class evenly over the folds', () => {
    const labels = [...Array<string>(30).fill('a'), ...Array<string>(10).fill('b'), ...Array<string>(5).fill('c')];
    const folds = stratifiedFolds(labels, 5);
    for (const cls of ['a', 'b', 'c']) {
      const counts = [0, 0, 0, 0, 0];
      labels.forEach((l, i) => {
        const f = folds[i] ?? 0;
        if (l === cls) counts[f] = (counts[f] ?? 0) + 1;
      });
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });
});

describe('computeMetrics', () => {
  it('computes accuracy, macro-F1, per-class figures and the confusion matrix', () => {
    const m = computeMetrics(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(m.accuracy).toBe(0.75);
    expect(m.confusion).toEqual([[1, 1], [0, 2]]);
    const a = m.perClass.find((c) => c.label === 'a');
    expect(a).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
});

describe('crossValidate', () => {
  it('scores a separable toy set well and reports a baseline', () => {
    const texts: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 20; i++) {
      texts.push(`disk volume attach error ${i}`, `invoice payment refund ${i}`, `квота увеличить лимит ${i}`);
      labels.push('storage', 'billing', 'quotas');
    }
    const r = crossValidate(texts, labels, { folds: 4 });
    expect(r.model.accuracy).toBeGreaterThan(0.95);
    expect(r.baseline?.accuracy).toBeGreaterThan(0.9);
    expect(formatReport(r)).toContain('macro-F1');
  });
});

const endava = path.resolve(
  process.env.TIERDESK_DATASETS_DIR ?? path.resolve('..', 'shared', 'datasets'),
  'endava-it-tickets',
  'all_tickets_processed_improved_v3.csv',
);

describe('Endava IT tickets', () => {
  it.skipIf(!existsSync(endava))('beats chance by far on a 2-fold subset', async () => {
    const { texts, labels } = await readLabelledCsv(endava, 'Document', 'Topic_group');
    // Every 16th row (~3k tickets) keeps the test fast; the rows follow the export order, so
    // striding spreads the sample. The full 5-fold figures come from bench/classify.ts.
    const idx = texts.map((_, i) => i).filter((i) => i % 16 === 0);
    const r = crossValidate(idx.map((i) => texts[i] ?? ''), idx.map((i) => labels[i] ?? ''), { folds: 2, baseline: false });
    expect(r.model.labels).toHaveLength(8);
    expect(r.model.accuracy).toBeGreaterThan(0.65);
    expect(r.model.macroF1).toBeGreaterThan(0.55);
  }, 60_000);
});
