import { describe, it, expect } from 'vitest';
import { ClassifierModel } from './model.js';

const TRAIN: [string, string, string][] = [
  ['VM does not boot after reboot', 'incident', 'compute'],
  ['server unreachable over ssh, instance down', 'incident', 'compute'],
  ['виртуальная машина не запускается после перезагрузки', 'incident', 'compute'],
  ['сервер недоступен по ssh', 'incident', 'compute'],
  ['please increase my cpu quota', 'service_request', 'quotas'],
  ['увеличьте квоту на ядра и память', 'service_request', 'quotas'],
  ['raise the RAM quota for project', 'service_request', 'quotas'],
  ['прошу поднять лимит квоты дисков', 'service_request', 'quotas'],
  ['charged twice on my card, refund please', 'billing', 'billing'],
  ['списали деньги дважды, верните', 'billing', 'billing'],
  ['invoice for last month is wrong', 'billing', 'billing'],
  ['счёт выставлен неверно', 'billing', 'billing'],
];

function train(algorithm: 'logreg' | 'cnb' = 'logreg'): ClassifierModel {
  return ClassifierModel.train(
    TRAIN.map((r) => r[0]),
    { type: TRAIN.map((r) => r[1]), service: TRAIN.map((r) => r[2]) },
    { algorithm, vectorizer: { minDf: 1 }, logreg: { epochs: 40 } },
  );
}

describe('ClassifierModel', () => {
  it.each(['logreg', 'cnb'] as const)('learns the training topics (%s)', (algorithm) => {
    const m = train(algorithm);
    expect(m.predict('my virtual machine does not boot', 'type').label).toBe('incident');
    expect(m.predict('увеличьте, пожалуйста, квоту', 'service').label).toBe('quotas');
    expect(m.predict('деньги списали дважды', 'type').label).toBe('billing');
  });

  it('returns a probability per label, confidence, margin and an explanation', () => {
    const p = train().predict('please increase the cpu quota', 'service');
    const probs = Object.values(p.probabilities);
    expect(Object.keys(p.probabilities).sort()).toEqual(['billing', 'compute', 'quotas']);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p.confidence).toBe(Math.max(...probs));
    expect(p.margin).toBeGreaterThan(0);
    expect(p.explanation.map((e) => e.term)).toContain('quota');
    expect(p.explanation.every((e) => e.weight > 0 && !e.term.startsWith('#'))).toBe(true);
  });

  it('round-trips through JSON with identical predictions', () => {
    const m = train();
    const json = JSON.parse(JSON.stringify(m.toJSON())) as unknown;
    const back = ClassifierModel.fromJSON(json);
    expect(back.targets).toEqual(['type', 'service']);
    for (const text of ['VM is down', 'квота', 'refund', '']) {
      expect(back.predictAll(text)).toEqual(m.predictAll(text));
    }
  });

  it('rejects foreign or future JSON', () => {
    const json = train().toJSON();
    expect(() => ClassifierModel.fromJSON({ ...json, version: 99 })).toThrow(/version/);
    expect(() => ClassifierModel.fromJSON({ hello: 1 })).toThrow(/not a tierdesk/);
    expect(() => ClassifierModel.fromJSON(null)).toThrow();
  });

  it('copes with empty, huge and dump-only texts', () => {
    const m = train();
    const empty = m.predict('', 'type');
    expect(Object.values(empty.probabilities).every(Number.isFinite)).toBe(true);
    expect(empty.explanation).toEqual([]);
    const huge = 'server down '.repeat(90_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(m.predict(huge, 'type').label).toBe('incident');
    const dump = '0x7f3a 0x0000 ::: --- [[[ ]]] 12:00:01.123 #### @@@ \n'.repeat(500);
    expect(Number.isFinite(m.predict(dump, 'type').confidence)).toBe(true);
  });

  it('refuses mismatched label arrays and unknown targets', () => {
    expect(() => ClassifierModel.train(['a', 'b'], { t: ['x'] })).toThrow(/labels/);
    expect(() => train().predict('x', 'nope')).toThrow(/unknown target/);
  });
});
