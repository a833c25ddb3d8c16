/**
 * A new request's classification between the moment it is computed (before routing, inside the
 * create transaction) and the moment the request row exists (the `ticket.created` event of the same
 * transaction). Keyed by the transaction object, so concurrent creates never see each other's.
 */
import type { ProductTarget } from './catalogue-map.js';
import type { Suggestions } from './suggest.js';

export interface PendingClassification {
  modelVersion: number;
  threshold: number;
  suggestions: Suggestions;
  /** Targets set on the request by the classifier, with the value that was set. */
  applied: Partial<Record<ProductTarget, string>>;
}

const pending = new WeakMap<object, PendingClassification>();

export const setPending = (trx: object, p: PendingClassification) => void pending.set(trx, p);
export const peekPending = (trx: object) => pending.get(trx);
export function takePending(trx: object): PendingClassification | undefined {
  const p = pending.get(trx);
  pending.delete(trx);
  return p;
}
