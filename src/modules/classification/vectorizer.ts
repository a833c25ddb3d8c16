/**
 * TF-IDF vectoriser over word n-grams and (optionally) word-boundary character n-grams.
 * A pruned vocabulary map instead of feature hashing: the model must explain itself by term,
 * and hashing would make explanations ambiguous.
 */
import { charNgrams, tokenize } from './tokenize.js';
import type { StemMode } from './tokenize.js';

export interface VectorizerOptions {
  /** `full`: placeholders, stemming, stopwords. `plain`: sklearn-like `\w\w+` tokens, for the baseline. */
  analyzer: 'full' | 'plain';
  /** Snowball stemming of words (full analyzer only); see {@link StemMode}. */
  stem: StemMode;
  /** Drop function words (full analyzer only). */
  dropStopwords: boolean;
  /** 1 = unigrams, 2 = unigrams + bigrams. */
  wordNgrams: 1 | 2;
  /** [min, max] character n-gram lengths, or null for none. */
  charNgrams: readonly [number, number] | null;
  /** Norm of the char block relative to the word block before the final l2 normalisation. */
  charWeight: number;
  sublinearTf: boolean;
  minDf: number;
  /** Per block (words, chars): keep the most frequent terms. */
  maxFeatures: number;
  /**
   * Only the head of a request is read: the topic is stated up front, and a 1 MB log paste would
   * otherwise blow the latency budget for no gain.
   */
  maxChars: number;
}

export const DEFAULT_VECTORIZER: VectorizerOptions = {
  analyzer: 'full',
  stem: 'ru',
  dropStopwords: true,
  wordNgrams: 2,
  // Char n-grams are opt-in: on the 48k-ticket Endava set they added 0.1 point of accuracy for
  // 15x the training time. Small corpora (the default model) turn them on for typo robustness.
  charNgrams: null,
  charWeight: 0.6,
  sublinearTf: true,
  minDf: 2,
  maxFeatures: 200_000,
  maxChars: 10_000,
};

export const BASELINE_VECTORIZER: VectorizerOptions = {
  analyzer: 'plain',
  stem: 'none',
  dropStopwords: false,
  wordNgrams: 1,
  charNgrams: null,
  charWeight: 0,
  sublinearTf: false,
  minDf: 1,
  maxFeatures: 1_000_000,
  maxChars: 1_000_000,
};

export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

export interface VectorizerJson {
  options: VectorizerOptions;
  terms: string[];
  idf: number[];
}

/** Char n-gram features carry this prefix; the word tokenizer never emits it. */
export const CHAR_PREFIX = '#';

export function analyze(text: string, o: VectorizerOptions): string[] {
  const head = text.length > o.maxChars ? text.slice(0, o.maxChars) : text;
  if (o.analyzer === 'plain') {
    return head.toLowerCase().match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
  }
  const tokens = tokenize(head, { stem: o.stem, dropStopwords: o.dropStopwords });
  const out: string[] = tokens.map((t) => t.term);
  if (o.wordNgrams === 2) {
    for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]?.term} ${tokens[i]?.term}`);
  }
  if (o.charNgrams) {
    const [min, max] = o.charNgrams;
    for (const g of charNgrams(tokens.map((t) => t.surface), min, max)) out.push(CHAR_PREFIX + g);
  }
  return out;
}

export class Vectorizer {
  private readonly vocab: Map<string, number>;

  private constructor(
    readonly options: VectorizerOptions,
    readonly terms: string[],
    readonly idf: Float32Array,
    /** Per feature: true when it belongs to the char block. */
    private readonly isChar: Uint8Array,
  ) {
    this.vocab = new Map(terms.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.terms.length;
  }

  static fit(docs: readonly (readonly string[])[], options: VectorizerOptions): Vectorizer {
    const df = new Map<string, number>();
    for (const doc of docs) {
      for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
    }
    const words: [string, number][] = [];
    const chars: [string, number][] = [];
    for (const [f, n] of df) {
      if (n < options.minDf) continue;
      (f.startsWith(CHAR_PREFIX) ? chars : words).push([f, n]);
    }
    const keep = (list: [string, number][]): [string, number][] =>
      list.length <= options.maxFeatures
        ? list
        : list.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.maxFeatures);
    const kept = [...keep(words), ...keep(chars)];
    const n = docs.length;
    const terms = kept.map(([t]) => t);
    const idf = Float32Array.from(kept, ([, d]) => Math.log((1 + n) / (1 + d)) + 1);
    return new Vectorizer(options, terms, idf, charMask(terms));
  }

  static fromJSON(json: VectorizerJson): Vectorizer {
    return new Vectorizer(json.options, json.terms, Float32Array.from(json.idf), charMask(json.terms));
  }

  toJSON(): VectorizerJson {
    return { options: this.options, terms: this.terms, idf: Array.from(this.idf) };
  }

  transform(text: string): SparseVector {
    return this.transformAnalyzed(analyze(text, this.options));
  }

  transformAnalyzed(features: readonly string[]): SparseVector {
    const tf = new Map<number, number>();
    for (const f of features) {
      const i = this.vocab.get(f);
      if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
    }
    const idx = new Int32Array(tf.size);
    const val = new Float32Array(tf.size);
    let k = 0;
    let wordNorm = 0;
    let charNorm = 0;
    for (const [i, c] of tf) {
      const v = (this.options.sublinearTf ? 1 + Math.log(c) : c) * (this.idf[i] ?? 0);
      idx[k] = i;
      val[k] = v;
      if (this.isChar[i]) charNorm += v * v;
      else wordNorm += v * v;
      k++;
    }
    // Each block is normalised on its own so long words (many char n-grams) don't drown the
    // word features, then the whole vector is scaled to unit length.
    const wScale = wordNorm > 0 ? 1 / Math.sqrt(wordNorm) : 0;
    const cScale = charNorm > 0 ? this.options.charWeight / Math.sqrt(charNorm) : 0;
    let total = 0;
    for (let j = 0; j < k; j++) {
      const v = (val[j] ?? 0) * (this.isChar[idx[j] ?? 0] ? cScale : wScale);
      val[j] = v;
      total += v * v;
    }
    if (total > 0) {
      const s = 1 / Math.sqrt(total);
      for (let j = 0; j < k; j++) val[j] = (val[j] ?? 0) * s;
    }
    return { idx, val };
  }
}

function charMask(terms: readonly string[]): Uint8Array {
  return Uint8Array.from(terms, (t) => (t.startsWith(CHAR_PREFIX) ? 1 : 0));
}
