/**
 * One request's suggestion per product target (type, catalogue item, priority, line): the model's
 * top label with its probability and the terms that pushed it up, corrected by a few heuristics
 * whose name is then given as the rule. Pure: no I/O.
 */
import { PRODUCT_TARGETS, type ProductTarget } from './catalogue-map.js';
import type { ClassifierModel, TermWeight } from './model.js';

export interface Suggestion {
  label: string;
  /** 0…1; 0 when nothing could be read from the text. */
  confidence: number;
  explanation: TermWeight[];
  /** The heuristic that decided, if one did. */
  rule: string | null;
}

export type Suggestions = Record<ProductTarget, Suggestion>;

/** Explanations keep the few terms a person can read at a glance. */
const EXPLAIN_TERMS = 6;

const SECURITY = /\bCVE-\d{4}-\d{4,}\b|уязвимост|vulnerab|\bxss\b|sql[- ]?инъекц|sql[- ]?injection|\brce\b|утечк[аи] (данных|ключ)|data (leak|breach)|взлом|hacked|compromised|фишинг|phishing/i;

/** The request text the model reads: subject first (the topic is stated up front), then the description. */
export function requestText(subject: string, description: string): string {
  return `${subject}\n${description}`;
}

/** Like the vectoriser, only the head is read: the topic is stated up front, and a 1 MB log paste must stay cheap. */
const HEAD_CHARS = 10_000;

export function suggest(model: ClassifierModel, subject: string, description: string): Suggestions {
  const full = requestText(subject, description);
  const text = full.length > HEAD_CHARS ? full.slice(0, HEAD_CHARS) : full;
  const all = model.predictAll(text);
  const out = {} as Suggestions;
  for (const target of PRODUCT_TARGETS) {
    const p = all[target];
    out[target] = p
      ? { label: p.label, confidence: round(p.confidence), explanation: p.explanation.slice(0, EXPLAIN_TERMS), rule: null }
      : { label: '', confidence: 0, explanation: [], rule: 'target-not-in-model' };
  }
  // Nothing to read (only whitespace, punctuation or placeholders): the model would only echo its priors.
  if (!/[\p{L}\p{N}]{2,}/u.test(text)) {
    for (const target of PRODUCT_TARGETS) out[target] = { ...out[target], confidence: 0, explanation: [], rule: 'empty-text' };
    return out;
  }
  // A vulnerability report goes to security however it is worded; L3 Security is confidential.
  const hit = SECURITY.exec(text);
  if (hit) {
    const because = [{ term: hit[0].toLowerCase(), weight: 1 }];
    out.type = { label: 'security', confidence: Math.max(0.95, out.type.label === 'security' ? out.type.confidence : 0), explanation: because, rule: 'security-keywords' };
    out.catalogue = { label: 'platform.security.report', confidence: 0.95, explanation: because, rule: 'security-keywords' };
  }
  return out;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
