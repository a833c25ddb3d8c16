import { existsSync } from 'node:fs';
import { beforeAll, describe, it, expect } from 'vitest';
import { DEFAULT_MODEL_PATH, MODEL_TARGETS, loadCorpus, loadModel, parseCorpus, trainDefaultModel } from './corpus.js';
import type { ClassifierModel } from './model.js';

let model: ClassifierModel;

beforeAll(async () => {
  // The shipped model is what production loads; fall back to training when it hasn't been built.
  model = existsSync(DEFAULT_MODEL_PATH) ? await loadModel() : trainDefaultModel(await loadCorpus());
}, 120_000);

describe('default corpus', () => {
  it('is large, bilingual and covers every label of every target', async () => {
    const corpus = await loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(600);
    expect(corpus.filter((e) => /[а-я]/i.test(e.text)).length).toBeGreaterThan(300);
    expect(corpus.filter((e) => !/[а-я]/i.test(e.text)).length).toBeGreaterThan(200);
    expect(new Set(corpus.map((e) => e.type)).size).toBe(8);
    expect(new Set(corpus.map((e) => e.service)).size).toBe(11);
  });

  it('reports the line of an invalid example', () => {
    expect(() => parseCorpus('{"text":"x","type":"incident","service":"compute","priority":"low","line":"L1"}\n{"text":"y"}'))
      .toThrow(/line 2/);
  });
});

describe('default model', () => {
  it('has a head per target', () => {
    expect(model.targets.sort()).toEqual([...MODEL_TARGETS].sort());
  });

  it.each([
    ['Прошу увеличить квоту на vCPU до 64 в проекте mcs0123456789', { type: 'service_request', service: 'quotas' }],
    ['Please raise our RAM quota to 256 GB', { type: 'service_request', service: 'quotas' }],
    ['Балансировщик отдаёт 502 Bad Gateway, бэкенды живые', { type: 'incident', service: 'network' }],
    ['Load balancer returns 504 Gateway Timeout all the time', { type: 'incident', service: 'network' }],
    ['С карты дважды списали оплату, верните деньги', { type: 'billing', service: 'billing' }],
    ['We were charged twice for March, please refund', { type: 'billing', service: 'billing' }],
    ['Потерял телефон с 2FA, не могу войти в личный кабинет', { type: 'access_recovery', service: 'account' }],
    ['поды в CrashLoopBackOff после апгрейда кластера, kubectl logs пустые', { type: 'incident', service: 'kubernetes' }],
    ['Как настроить aws cli для вашего S3?', { type: 'question', service: 'object_storage' }],
    ['Наш S3 bucket отдаёт 403 AccessDenied на PutObject', { service: 'object_storage' }],
    ['Лицензионный ключ для продукта из Маркетплейса так и не пришёл', { type: 'vendor', service: 'marketplace' }],
    ['Нашёл XSS уязвимость в личном кабинете', { type: 'security' }],
  ])('%s', (text, expected) => {
    const p = model.predictAll(text);
    for (const [target, label] of Object.entries(expected)) expect(p[target]?.label, target).toBe(label);
  });

  it('treats an outage of everything as critical', () => {
    const p = model.predictAll('СРОЧНО!!! все виртуальные машины в регионе недоступны, прод лежит');
    expect(p.priority?.label).toBe('critical');
    expect(p.type?.label).toBe('incident');
  });

  it('classifies a bare error dump', () => {
    const dump = [
      'psql: error: connection to server at "10.0.0.5", port 5432 failed: FATAL:  sorry, too many clients already',
      '    at Connection.parseE (/app/node_modules/pg/lib/connection.js:614:13)',
      '    at Socket.emit (node:events:517:28)',
    ].join('\n');
    const p = model.predictAll(dump);
    expect(p.service?.label).toBe('databases');
    expect(p.type?.label).toBe('incident');
  });

  it('survives empty and 1 MB inputs', () => {
    expect(model.predictAll('').type?.label).toBeTypeOf('string');
    const huge = 'kubectl get pods CrashLoopBackOff '.repeat(32_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(model.predictAll(huge).service?.label).toBe('kubernetes');
  });
});
