import { AppError } from '../../shared/errors.js';
import type { Actor } from '../identity/actor.js';
import type { KbArticle } from '../../db/schema.js';

/**
 * Who sees what: staff and integrations see every article (drafts and archived ones too); customers,
 * vendors and anonymous readers of the help centre see published public articles only.
 */
export const seesInternal = (actor: Actor | null) => actor !== null && (actor.kind === 'staff' || actor.kind === 'integration');

export function canRead(actor: Actor | null, a: Pick<KbArticle, 'visibility' | 'status'>): boolean {
  if (seesInternal(actor)) return true;
  return a.visibility === 'public' && a.status === 'published';
}

/** Agents of any line write and publish articles; only administrators archive or delete them. */
export function assertEditor(actor: Actor): void {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only support staff may edit the knowledge base');
}

export function assertKbAdmin(actor: Actor): void {
  if (actor.kind !== 'staff' || actor.staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only an administrator may do this');
}
