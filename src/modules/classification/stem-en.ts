/**
 * English Snowball ("Porter2") stemmer, after the algorithm description at snowballstem.org.
 * Written here rather than pulled from npm so the classifier has no runtime dependency and its
 * output is frozen with the model that was trained on it.
 */

const EXCEPTIONS: Record<string, string> = {
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
  idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl',
  sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
};
const POST_1A_INVARIANT = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDING = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
  ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', ''],
];
const STEP4 = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
  'ion', 'al', 'er', 'ic',
];

const isVowel = (c: string | undefined): boolean =>
  c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

function isShortSyllableAt(w: string, end: number): boolean {
  // `end` is the index just past the syllable.
  if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
  const a = w[end - 3];
  const b = w[end - 2];
  const c = w[end - 1];
  return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== 'w' && c !== 'x' && c !== 'Y';
}

function hasVowel(s: string): boolean {
  for (const ch of s) if (isVowel(ch)) return true;
  return false;
}

export function stemEnglish(input: string): string {
  let w = input;
  if (w.length <= 2) return w;
  const exc = EXCEPTIONS[w];
  if (exc !== undefined) return exc;
  if (w.startsWith("'")) w = w.slice(1);
  // Consonant-y is marked as Y so the vowel tests treat it as a consonant.
  if (w.startsWith('y')) w = 'Y' + w.slice(1);
  w = w.replace(/([aeiouy])y/g, '$1Y');

  let r1: number;
  const prefix = /^(gener|commun|arsen)/.exec(w);
  r1 = prefix ? prefix[0].length : regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  r1 = Math.min(r1, w.length);

  // Step 0
  for (const suf of ["'s'", "'s", "'"]) {
    if (w.endsWith(suf)) { w = w.slice(0, -suf.length); break; }
  }
  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ied') || w.endsWith('ies')) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith('us') || w.endsWith('ss')) { /* unchanged */ }
  else if (w.endsWith('s') && hasVowel(w.slice(0, -2))) w = w.slice(0, -1);

  if (POST_1A_INVARIANT.has(w)) return w;

  // Step 1b
  const eed = /(eedly|eed)$/.exec(w);
  if (eed) {
    if (eed.index >= r1) w = w.slice(0, eed.index) + 'ee';
  } else {
    const m = /(ingly|edly|ing|ed)$/.exec(w);
    if (m && hasVowel(w.slice(0, m.index))) {
      w = w.slice(0, m.index);
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
      else if (r1 >= w.length && isShortSyllableAt(w, w.length)) w += 'e';
    }
  }
  // Step 1c
  if (w.length > 2 && (w.endsWith('y') || w.endsWith('Y')) && !isVowel(w[w.length - 2])) {
    w = w.slice(0, -1) + 'i';
  }
  // Step 2
  for (const [suf, rep] of STEP2) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1) {
      if (suf === 'ogi') { if (w[at - 1] === 'l') w = w.slice(0, at) + rep; }
      else if (suf === 'li') { if (LI_ENDING.has(w[at - 1] ?? '')) w = w.slice(0, at); }
      else w = w.slice(0, at) + rep;
    }
    break;
  }
  // Step 3
  for (const [suf, rep] of STEP3) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r1 && (suf !== 'ative' || at >= r2)) w = w.slice(0, at) + rep;
    break;
  }
  // Step 4
  for (const suf of STEP4) {
    if (!w.endsWith(suf)) continue;
    const at = w.length - suf.length;
    if (at >= r2) {
      if (suf !== 'ion') w = w.slice(0, at);
      else if (w[at - 1] === 's' || w[at - 1] === 't') w = w.slice(0, at);
    }
    break;
  }
  // Step 5
  if (w.endsWith('e')) {
    const at = w.length - 1;
    if (at >= r2 || (at >= r1 && !isShortSyllableAt(w, at))) w = w.slice(0, at);
  } else if (w.endsWith('ll') && w.length - 1 >= r2) {
    w = w.slice(0, -1);
  }
  return w.replace(/Y/g, 'y');
}
