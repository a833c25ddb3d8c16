/**
 * A text classifier with one shared TF-IDF vectoriser and one linear head per target (type,
 * service, priority, line …). Sharing the vocabulary keeps the stored JSON small and lets one
 * request be vectorised once for all targets.
 */
import { DEFAULT_LOGREG, scores, softmaxInPlace, trainCnb, trainLogReg } from './linear.js';
import type { Algorithm, LinearHead, LogRegOptions } from './linear.js';
import { CHAR_PREFIX, DEFAULT_VECTORIZER, Vectorizer, analyze } from './vectorizer.js';
import type { SparseVector, VectorizerJson, VectorizerOptions } from './vectorizer.js';

export const MODEL_FORMAT = 'tierdesk.text-classifier';
export const MODEL_VERSION = 1;

export interface TrainOptions {
  vectorizer?: Partial<VectorizerOptions>;
  algorithm?: Algorithm;
  logreg?: Partial<LogRegOptions>;
  cnbAlpha?: number;
}

export interface TermWeight {
  term: string;
  weight: number;
}

export interface Prediction {
  label: string;
  /** Probability of the top label. */
  confidence: number;
  /** Gap between the two most likely labels; small means "ask a human". */
  margin: number;
  probabilities: Record<string, number>;
  /** Word terms that pushed the top label up the most (char n-grams are left out: unreadable). */
  explanation: TermWeight[];
}

interface HeadJson {
  algorithm: Algorithm;
  labels: string[];
  temperature: number;
  bias: number[];
  /** Float32 little-endian weights, base64: a tenth of the size of a JSON number array. */
  weights: string;
}

export interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  createdAt: string;
  meta: Record<string, unknown>;
  vectorizer: VectorizerJson;
  heads: Record<string, HeadJson>;
}

export class ClassifierModel {
  private constructor(
    readonly vectorizer: Vectorizer,
    private readonly heads: Map<string, LinearHead>,
    readonly meta: Record<string, unknown> = {},
  ) {}

  get targets(): string[] {
    return [...this.heads.keys()];
  }

  labels(target: string): string[] {
    return this.head(target).labels;
  }

  /** Trains one head per target on the same texts; `labels[target][i]` labels `texts[i]`. */
  static train(
    texts: readonly string[],
    labels: Record<string, readonly string[]>,
    options: TrainOptions = {},
    meta: Record<string, unknown> = {},
  ): ClassifierModel {
    const vOpts = { ...DEFAULT_VECTORIZER, ...options.vectorizer };
    const analyzed = texts.map((t) => analyze(t, vOpts));
    const vectorizer = Vectorizer.fit(analyzed, vOpts);
    const X = analyzed.map((a) => vectorizer.transformAnalyzed(a));
    const heads = new Map<string, LinearHead>();
    for (const [target, ys] of Object.entries(labels)) {
      if (ys.length !== texts.length) throw new Error(`labels for ${target}: ${ys.length} != ${texts.length} texts`);
      heads.set(target, trainHead(X, ys, vectorizer.size, options));
    }
    return new ClassifierModel(vectorizer, heads, meta);
  }

  predict(text: string, target?: string): Prediction {
    const t = target ?? this.targets[0];
    if (t === undefined) throw new Error('model has no targets');
    return this.predictVector(this.vectorizer.transform(text), t);
  }

  predictAll(text: string): Record<string, Prediction> {
    const x = this.vectorizer.transform(text);
    const out: Record<string, Prediction> = {};
    for (const t of this.heads.keys()) out[t] = this.predictVector(x, t);
    return out;
  }

  predictVector(x: SparseVector, target: string, explain = 8): Prediction {
    const head = this.head(target);
    const p = softmaxInPlace(scores(head, x), head.temperature);
    let top = 0;
    let second = -1;
    for (let k = 1; k < p.length; k++) {
      if ((p[k] ?? 0) > (p[top] ?? 0)) { second = top; top = k; }
      else if (second < 0 || (p[k] ?? 0) > (p[second] ?? 0)) second = k;
    }
    const probabilities: Record<string, number> = {};
    head.labels.forEach((l, k) => { probabilities[l] = p[k] ?? 0; });
    return {
      label: head.labels[top] ?? '',
      confidence: p[top] ?? 0,
      margin: (p[top] ?? 0) - (second >= 0 ? (p[second] ?? 0) : 0),
      probabilities,
      explanation: explain > 0 ? this.explain(head, x, top, explain) : [],
    };
  }

  private explain(head: LinearHead, x: SparseVector, cls: number, limit: number): TermWeight[] {
    const K = head.labels.length;
    const contrib: TermWeight[] = [];
    for (let n = 0; n < x.idx.length; n++) {
      const j = x.idx[n] ?? 0;
      const term = this.vectorizer.terms[j] ?? '';
      if (term.startsWith(CHAR_PREFIX)) continue;
      // Relative to the mean class weight: a term common to every class explains nothing.
      let mean = 0;
      for (let k = 0; k < K; k++) mean += head.weights[j * K + k] ?? 0;
      mean /= K;
      const w = (x.val[n] ?? 0) * ((head.weights[j * K + cls] ?? 0) - mean) * head.temperature;
      if (w > 0) contrib.push({ term, weight: Math.round(w * 1e4) / 1e4 });
    }
    return contrib.sort((a, b) => b.weight - a.weight).slice(0, limit);
  }

  private head(target: string): LinearHead {
    const h = this.heads.get(target);
    if (!h) throw new Error(`unknown target "${target}"; model has ${this.targets.join(', ')}`);
    return h;
  }

  toJSON(): ModelJson {
    const heads: Record<string, HeadJson> = {};
    for (const [t, h] of this.heads) {
      heads[t] = {
        algorithm: h.algorithm,
        labels: h.labels,
        temperature: h.temperature,
        bias: Array.from(h.bias),
        weights: Buffer.from(h.weights.buffer, h.weights.byteOffset, h.weights.byteLength).toString('base64'),
      };
    }
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      createdAt: new Date().toISOString(),
      meta: this.meta,
      vectorizer: this.vectorizer.toJSON(),
      heads,
    };
  }

  static fromJSON(json: unknown): ClassifierModel {
    const m = json as Partial<ModelJson> | null;
    if (!m || m.format !== MODEL_FORMAT) throw new Error('not a tierdesk classifier model');
    if (m.version !== MODEL_VERSION) throw new Error(`unsupported model version ${String(m.version)}`);
    if (!m.vectorizer || !m.heads) throw new Error('model JSON lacks vectorizer or heads');
    const vectorizer = Vectorizer.fromJSON(m.vectorizer);
    const heads = new Map<string, LinearHead>();
    for (const [t, h] of Object.entries(m.heads)) {
      const buf = Buffer.from(h.weights, 'base64');
      // Copy into an aligned buffer: Buffer slices may start at an offset Float32Array rejects.
      const weights = new Float32Array(new Uint8Array(buf).buffer);
      if (weights.length !== vectorizer.size * h.labels.length) throw new Error(`head ${t}: weight size mismatch`);
      heads.set(t, {
        algorithm: h.algorithm,
        labels: h.labels,
        dim: vectorizer.size,
        weights,
        bias: Float64Array.from(h.bias),
        temperature: h.temperature,
      });
    }
    return new ClassifierModel(vectorizer, heads, m.meta ?? {});
  }
}

/** Maps string labels to class indices in sorted order, so the label order is stable. */
export function encodeLabels(ys: readonly string[]): { labels: string[]; y: Int32Array } {
  const labels = [...new Set(ys)].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  return { labels, y: Int32Array.from(ys, (l) => index.get(l) ?? 0) };
}

export function trainHead(
  X: readonly SparseVector[],
  ys: readonly string[],
  dim: number,
  options: TrainOptions = {},
): LinearHead {
  const { labels, y } = encodeLabels(ys);
  return (options.algorithm ?? 'logreg') === 'cnb'
    ? trainCnb(X, y, labels, dim, options.cnbAlpha)
    : trainLogReg(X, y, labels, dim, { ...DEFAULT_LOGREG, ...options.logreg });
}
