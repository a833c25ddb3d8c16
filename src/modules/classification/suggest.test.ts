import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './corpus.js';
import type { ClassifierModel } from './model.js';
import { suggest } from './suggest.js';
import { PRODUCT_TARGETS, catalogueCodeFor, serviceForCatalogue } from './catalogue-map.js';
import { catalogue } from '../../seed/base.js';

let model: ClassifierModel;
beforeAll(async () => {
  model = await loadModel();
}, 60_000);

const codesOf = (items: typeof catalogue): string[] => items.flatMap((i) => [...(i.kind === 'service' ? [i.code] : []), ...codesOf(i.children ?? [])]);

describe('suggestions for the product targets', () => {
  it('every catalogue label of the model is a service of the default catalogue, and maps back to its service', () => {
    const services = new Set(codesOf(catalogue));
    for (const code of model.labels('catalogue')) expect(services.has(code), code).toBe(true);
    expect(serviceForCatalogue(catalogueCodeFor('quotas', 'service_request'))).toBe('quotas');
    expect(serviceForCatalogue(catalogueCodeFor('object_storage', 'incident'))).toBe('object_storage');
  });

  it.each([
    ['Russian', 'Прошу увеличить квоту', 'Нужно увеличить квоту на vCPU до 64 в проекте mcs0123456789', { catalogue: 'account.quotas.change', type: 'service_request' }],
    ['English', 'Charged twice', 'We were charged twice for March, please refund the second payment', { catalogue: 'billing.charges.question', type: 'billing' }],
    ['mixed', 'S3 bucket 403', 'Наш bucket backups-prod отдаёт 403 AccessDenied на PutObject since this morning', { catalogue: 'storage.s3.access' }],
  ])('%s text', (_lang, subject, description, expected) => {
    const s = suggest(model, subject, description);
    for (const [target, label] of Object.entries(expected)) expect(s[target as keyof typeof s].label, target).toBe(label);
    for (const t of PRODUCT_TARGETS) {
      expect(s[t].confidence).toBeGreaterThan(0);
      expect(s[t].confidence).toBeLessThanOrEqual(1);
      expect(s[t].explanation.length, t).toBeGreaterThan(0);
      expect(s[t].explanation.length).toBeLessThanOrEqual(6);
    }
  });

  it('explains with readable terms of the text', () => {
    const s = suggest(model, 'Квота', 'Прошу увеличить квоту на диски');
    expect(s.catalogue.explanation.map((e) => e.term).join(' ')).toMatch(/квот/);
  });

  it('an empty text gets no confidence and says why', () => {
    for (const [subject, description] of [['', ''], ['  ', '\n\t'], ['!!!', '???']] as const) {
      const s = suggest(model, subject, description);
      for (const t of PRODUCT_TARGETS) expect(s[t]).toMatchObject({ confidence: 0, rule: 'empty-text', explanation: [] });
    }
  });

  it('a huge text is classified quickly', () => {
    const huge = 'kubectl get pods shows CrashLoopBackOff on every node of the cluster '.repeat(20_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const s = suggest(model, 'Pods crash', huge);
    expect(performance.now() - started).toBeLessThan(500);
    expect(s.catalogue.label).toBe('kubernetes.cluster.issue');
  });

  it('a text that is only an error dump', () => {
    const dump = [
      'psql: error: connection to server at "10.0.0.5", port 5432 failed: FATAL:  sorry, too many clients already',
      '    at Connection.parseE (/app/node_modules/pg/lib/connection.js:614:13)',
      '    at Socket.emit (node:events:517:28)',
    ].join('\n');
    const s = suggest(model, '', dump);
    expect(s.catalogue.label).toBe('databases.instance.issue');
    expect(s.type.label).toBe('incident');
    expect(s.catalogue.rule).toBeNull();
  });

  it('a vulnerability report is decided by the security rule, in either language', () => {
    for (const text of ['Found an XSS in the console login page', 'Нашли уязвимость CVE-2024-3094 в вашем образе']) {
      const s = suggest(model, 'Report', text);
      expect(s.type).toMatchObject({ label: 'security', rule: 'security-keywords' });
      expect(s.catalogue).toMatchObject({ label: 'platform.security.report', rule: 'security-keywords' });
      expect(s.type.confidence).toBeGreaterThanOrEqual(0.95);
    }
  });
});
