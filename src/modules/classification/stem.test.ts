import { describe, it, expect } from 'vitest';
import { stemEnglish } from './stem-en.js';
import { stemRussian } from './stem-ru.js';

// Expected stems are the outputs of the reference Snowball implementations.
describe('stemEnglish', () => {
  it.each([
    ['running', 'run'], ['connection', 'connect'], ['connected', 'connect'], ['generously', 'generous'],
    ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'tie'], ['consistency', 'consist'], ['knightly', 'knight'],
    ['hopping', 'hop'], ['hoped', 'hope'], ['skies', 'sky'], ['dying', 'die'], ['succeeded', 'succeed'],
    ['controlled', 'control'], ['quotas', 'quota'], ['billing', 'bill'], ['agreement', 'agreement'],
    ['generate', 'generat'], ['news', 'news'], ['is', 'is'],
  ])('%s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
});

describe('stemRussian', () => {
  it.each([
    ['машины', 'машин'], ['машина', 'машин'], ['машине', 'машин'], ['виртуальные', 'виртуальн'],
    ['запускаются', 'запуска'], ['подключение', 'подключен'], ['подключения', 'подключен'], ['важнейшие', 'важн'],
    ['вавиловка', 'вавиловк'], ['серверов', 'сервер'], ['кластера', 'кластер'], ['оплатили', 'оплат'],
    ['работают', 'работа'], ['балансировщика', 'балансировщик'], ['читавши', 'чита'], ['вагонной', 'вагон'],
  ])('%s → %s', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });

  it('maps inflected forms of one word to one stem', () => {
    const forms = ['квота', 'квоты', 'квоте', 'квоту', 'квотой', 'квотами'];
    expect(new Set(forms.map(stemRussian)).size).toBe(1);
  });
});
