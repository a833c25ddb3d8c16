import { describe, it, expect } from 'vitest';
import { charNgrams, tokenize } from './tokenize.js';

const terms = (text: string, stem: 'none' | 'ru' | 'all' = 'ru'): string[] => tokenize(text, { stem }).map((t) => t.term);

describe('tokenize', () => {
  it('lower-cases, folds ё and stems Russian', () => {
    expect(terms('Всё ещё НЕ работают Серверы')).toEqual(['все', 'не', 'работа', 'сервер']);
  });

  it('stems English only when asked', () => {
    expect(terms('connections failing')).toEqual(['connections', 'failing']);
    expect(terms('connections failing', 'all')).toEqual(['connect', 'fail']);
  });

  it('keeps technical tokens verbatim', () => {
    const t = terms('Error: ECONNREFUSED, pod in CrashLoopBackOff; run kubectl describe; node_exporter x509 502 504');
    expect(t).toEqual(expect.arrayContaining(['econnrefused', 'crashloopbackoff', 'kubectl', 'node_exporter', 'x509', '502', '504']));
  });

  it('replaces identifiers with placeholders', () => {
    const t = terms(
      'VM 3f2504e0-4f89-11d3-9a0c-0305e82c3301 at 10.0.12.7:22 in mcs0123456789, mail ivan@example.ru, '
        + 'see https://console.example.ru/x?y=1 id 123456789012 hash 9f86d081884c7d659a2feaa0c55ad015',
    );
    for (const p of ['__uuid__', '__ip__', '__project__', '__email__', '__url__', '__num__', '__hex__']) {
      expect(t).toContain(p);
    }
    expect(t.join(' ')).not.toMatch(/0123456789|3f2504e0|example/);
  });

  it('handles mixed Russian/English text', () => {
    const t = terms('Поды падают в CrashLoopBackOff после upgrade кластера');
    expect(t).toEqual(['под', 'пада', 'crashloopbackoff', 'посл', 'upgrade', 'кластер']);
  });

  it('drops stopwords but keeps negation', () => {
    expect(terms('это не работает и the server is not ok')).toEqual(['не', 'работа', 'server', 'not', 'ok']);
  });

  it('returns nothing for empty or punctuation-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ,.;!? --- ')).toEqual([]);
  });
});

describe('charNgrams', () => {
  it('makes word-boundary n-grams that survive a typo', () => {
    const a = new Set(charNgrams(['балансировщик']));
    const b = charNgrams(['балансирвщик']);
    const shared = b.filter((g) => a.has(g)).length;
    expect(charNgrams(['vm'], 3, 3)).toEqual([' vm', 'vm ']);
    expect(shared / b.length).toBeGreaterThan(0.5);
  });
});
