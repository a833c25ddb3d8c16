/**
 * Linear heads over sparse TF-IDF vectors: multinomial logistic regression trained by SGD, and
 * Complement Naive Bayes. Both end up as the same weight matrix so prediction is one code path.
 * Weights are feature-major (`w[feature * K + class]`) so a sparse dot product walks memory in order.
 */
import type { SparseVector } from './vectorizer.js';

export type Algorithm = 'logreg' | 'cnb';

export interface LogRegOptions {
  epochs: number;
  /** L2 penalty per example (sklearn SGD's `alpha`). */
  l2: number;
  learningRate: number;
  /** `balanced` weighs each class by n / (K * n_class), which helps macro-F1 on skewed data. */
  classWeight: 'balanced' | 'none';
  seed: number;
}

export const DEFAULT_LOGREG: LogRegOptions = {
  epochs: 8,
  l2: 2e-6,
  learningRate: 0.5,
  classWeight: 'none',
  seed: 42,
};

/** Sparse text data: the intercept learns slower than the weights (as in sklearn's SGD). */
const BIAS_RATE = 0.1;

export interface LinearHead {
  algorithm: Algorithm;
  labels: string[];
  dim: number;
  weights: Float32Array;
  bias: Float64Array;
  /** Scores are multiplied by this before the softmax (CNB scores are not log-odds). */
  temperature: number;
}

/** Deterministic PRNG (mulberry32) so training and fold splits are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = arr[i] as T;
    arr[i] = arr[j] as T;
    arr[j] = tmp;
  }
  return arr;
}

export function scores(head: LinearHead, x: SparseVector, out = new Float64Array(head.labels.length)): Float64Array {
  const K = head.labels.length;
  const w = head.weights;
  out.set(head.bias);
  for (let n = 0; n < x.idx.length; n++) {
    const base = (x.idx[n] ?? 0) * K;
    const v = x.val[n] ?? 0;
    for (let k = 0; k < K; k++) out[k] = (out[k] ?? 0) + v * (w[base + k] ?? 0);
  }
  return out;
}

export function softmaxInPlace(s: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < s.length; k++) max = Math.max(max, (s[k] ?? 0) * temperature);
  let sum = 0;
  for (let k = 0; k < s.length; k++) {
    const e = Math.exp((s[k] ?? 0) * temperature - max);
    s[k] = e;
    sum += e;
  }
  for (let k = 0; k < s.length; k++) s[k] = (s[k] ?? 0) / sum;
  return s;
}

function classWeights(y: ArrayLike<number>, K: number, mode: LogRegOptions['classWeight']): Float64Array {
  const w = new Float64Array(K).fill(1);
  if (mode === 'none') return w;
  const counts = new Float64Array(K);
  for (let i = 0; i < y.length; i++) counts[y[i] ?? 0] = (counts[y[i] ?? 0] ?? 0) + 1;
  for (let k = 0; k < K; k++) w[k] = (counts[k] ?? 0) > 0 ? y.length / (K * (counts[k] ?? 1)) : 0;
  return w;
}

/**
 * SGD with an inverse-scaling learning rate. L2 decay is folded into one global scale factor
 * (W = scale * V), which makes each step cost O(nnz * K) instead of O(dim * K).
 */
export function trainLogReg(
  X: readonly SparseVector[],
  y: ArrayLike<number>,
  labels: string[],
  dim: number,
  partial: Partial<LogRegOptions> = {},
): LinearHead {
  const o = { ...DEFAULT_LOGREG, ...partial };
  const K = labels.length;
  const V = new Float32Array(dim * K);
  const bias = new Float64Array(K);
  const cw = classWeights(y, K, o.classWeight);
  const rand = rng(o.seed);
  const order = Array.from({ length: X.length }, (_, i) => i);
  const s = new Float64Array(K);
  const active = new Int32Array(K);
  const grad = new Float64Array(K);
  let scale = 1;
  let t = 0;
  const N = Math.max(1, X.length);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const x = X[i];
      const yi = y[i] ?? 0;
      if (!x) continue;
      const eta = o.learningRate / (1 + t / N);
      t++;
      s.set(bias);
      for (let n = 0; n < x.idx.length; n++) {
        const base = (x.idx[n] ?? 0) * K;
        const v = (x.val[n] ?? 0) * scale;
        for (let k = 0; k < K; k++) s[k] = (s[k] ?? 0) + v * (V[base + k] ?? 0);
      }
      softmaxInPlace(s);
      const c = cw[yi] ?? 1;
      // Classes the model already rules out contribute ~0 gradient; skipping them makes a
      // confident model train several times faster and avoids denormal arithmetic.
      let nActive = 0;
      for (let k = 0; k < K; k++) {
        const g = c * ((s[k] ?? 0) - (k === yi ? 1 : 0));
        bias[k] = (bias[k] ?? 0) - eta * BIAS_RATE * g;
        if (Math.abs(g) > 1e-6) { active[nActive] = k; grad[nActive] = g; nActive++; }
      }
      scale *= 1 - eta * o.l2;
      const step = eta / scale;
      for (let n = 0; n < x.idx.length; n++) {
        const base = (x.idx[n] ?? 0) * K;
        const v = (x.val[n] ?? 0) * step;
        for (let a = 0; a < nActive; a++) {
          const j = base + (active[a] ?? 0);
          V[j] = (V[j] ?? 0) - v * (grad[a] ?? 0);
        }
      }
      if (scale < 1e-6) {
        for (let j = 0; j < V.length; j++) V[j] = (V[j] ?? 0) * scale;
        scale = 1;
      }
    }
  }
  for (let j = 0; j < V.length; j++) V[j] = (V[j] ?? 0) * scale;
  return { algorithm: 'logreg', labels, dim, weights: V, bias, temperature: 1 };
}

/** Complement Naive Bayes (Rennie et al. 2003) with weight normalisation. */
export function trainCnb(
  X: readonly SparseVector[],
  y: ArrayLike<number>,
  labels: string[],
  dim: number,
  alpha = 0.3,
): LinearHead {
  const K = labels.length;
  const perClass = new Float64Array(dim * K);
  const total = new Float64Array(dim);
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    if (!x) continue;
    const yi = y[i] ?? 0;
    for (let n = 0; n < x.idx.length; n++) {
      const j = x.idx[n] ?? 0;
      const v = x.val[n] ?? 0;
      total[j] = (total[j] ?? 0) + v;
      perClass[j * K + yi] = (perClass[j * K + yi] ?? 0) + v;
    }
  }
  const weights = new Float32Array(dim * K);
  for (let k = 0; k < K; k++) {
    let denom = alpha * dim;
    for (let j = 0; j < dim; j++) denom += (total[j] ?? 0) - (perClass[j * K + k] ?? 0);
    let absSum = 0;
    const col = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      const v = Math.log((alpha + (total[j] ?? 0) - (perClass[j * K + k] ?? 0)) / denom);
      col[j] = v;
      absSum += Math.abs(v);
    }
    // A class is predicted by how little its complement explains the text, hence the minus sign.
    for (let j = 0; j < dim; j++) weights[j * K + k] = -(col[j] ?? 0) / (absSum || 1);
  }
  const head: LinearHead = { algorithm: 'cnb', labels, dim, weights, bias: new Float64Array(K), temperature: 1 };
  head.temperature = fitTemperature(head, X, y);
  return head;
}

/** Picks the softmax temperature with the best training log-likelihood, so CNB yields usable probabilities. */
function fitTemperature(head: LinearHead, X: readonly SparseVector[], y: ArrayLike<number>): number {
  const sample = X.slice(0, 2000);
  const raw = sample.map((x) => scores(head, x));
  let best = 1;
  let bestNll = Infinity;
  for (let T = 1; T <= 1e6; T *= 2) {
    let nll = 0;
    raw.forEach((s, i) => {
      const p = softmaxInPlace(Float64Array.from(s), T);
      nll -= Math.log(Math.max(1e-12, p[y[i] ?? 0] ?? 0));
    });
    if (nll < bestNll) { bestNll = nll; best = T; }
  }
  return best;
}
