/**
 * Russian Snowball stemmer, after the algorithm description at snowballstem.org. Hand-written so
 * the model's features are reproducible without an npm dependency. Expects lower-case text with
 * ё already folded to е.
 */

const VOWELS = new Set(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']);

// Group 1 endings only count after а/я (which stays); group 2 endings count anywhere in RV.
const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в'];
const PERFECTIVE_GERUND_2 = ['ившись', 'ывшись', 'ивши', 'ывши', 'ив', 'ыв'];
const REFLEXIVE = ['ся', 'сь'];
const ADJECTIVE = [
  'ими', 'ыми', 'его', 'ого', 'ему', 'ому', 'ее', 'ие', 'ые', 'ое', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым',
  'ом', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею',
];
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const VERB_1 = ['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'];
const VERB_2 = [
  'ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло',
  'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю',
];
const NOUN = [
  'иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ев', 'ов', 'ие', 'ье', 'еи', 'ии', 'ей', 'ой', 'ий', 'ям', 'ем',
  'ам', 'ом', 'ах', 'ях', 'ию', 'ью', 'ия', 'ья', 'а', 'е', 'и', 'й', 'о', 'у', 'ы', 'ь', 'ю', 'я',
];
const DERIVATIONAL = ['ость', 'ост'];

interface Regions { rv: number; r2: number }

function regions(w: string): Regions {
  let rv = w.length;
  for (let i = 0; i < w.length; i++) {
    if (VOWELS.has(w[i] ?? '')) { rv = i + 1; break; }
  }
  const after = (from: number): number => {
    for (let i = from + 1; i < w.length; i++) {
      if (!VOWELS.has(w[i] ?? '') && VOWELS.has(w[i - 1] ?? '')) return i + 1;
    }
    return w.length;
  };
  const r1 = after(0);
  return { rv, r2: after(r1) };
}

/**
 * Longest ending of `w` (starting at or after `min`) from the two groups; snowball's `among`
 * picks the longest match first and fails outright when that match's condition fails.
 */
function longest(w: string, min: number, group1: readonly string[], group2: readonly string[]): number {
  let best = '';
  let bestIsG1 = false;
  for (const e of group1) {
    if (e.length > best.length && w.endsWith(e) && w.length - e.length >= min) { best = e; bestIsG1 = true; }
  }
  for (const e of group2) {
    if (e.length > best.length && w.endsWith(e) && w.length - e.length >= min) { best = e; bestIsG1 = false; }
  }
  if (!best) return -1;
  const at = w.length - best.length;
  if (bestIsG1) {
    const prev = w[at - 1];
    if (at - 1 < min || (prev !== 'а' && prev !== 'я')) return -1;
  }
  return at;
}

function adjectival(w: string, rv: number): number {
  const at = longest(w, rv, [], ADJECTIVE);
  if (at < 0) return -1;
  const stem = w.slice(0, at);
  const p = longest(stem, rv, PARTICIPLE_1, PARTICIPLE_2);
  return p >= 0 ? p : at;
}

export function stemRussian(input: string): string {
  let w = input;
  if (w.length < 2) return w;
  const { rv, r2 } = regions(w);
  if (rv >= w.length) return w;

  // Step 1
  const pg = longest(w, rv, PERFECTIVE_GERUND_1, PERFECTIVE_GERUND_2);
  if (pg >= 0) {
    w = w.slice(0, pg);
  } else {
    const refl = longest(w, rv, [], REFLEXIVE);
    if (refl >= 0) w = w.slice(0, refl);
    let at = adjectival(w, rv);
    if (at < 0) at = longest(w, rv, VERB_1, VERB_2);
    if (at < 0) at = longest(w, rv, [], NOUN);
    if (at >= 0) w = w.slice(0, at);
  }
  // Step 2
  if (w.endsWith('и') && w.length - 1 >= rv) w = w.slice(0, -1);
  // Step 3
  const der = longest(w, Math.max(rv, r2), [], DERIVATIONAL);
  if (der >= 0) w = w.slice(0, der);
  // Step 4
  const sup = longest(w, rv, [], ['ейше', 'ейш']);
  if (sup >= 0) w = w.slice(0, sup);
  if (w.endsWith('нн') && w.length - 2 >= rv) w = w.slice(0, -1);
  else if (sup < 0 && w.endsWith('ь') && w.length - 1 >= rv) w = w.slice(0, -1);
  return w;
}
