import { invalidCursor } from './errors.js';

/**
 * Keyset cursor over (created_at, id). Rows get created_at from the app clock (millisecond precision),
 * so the ISO string round-trips exactly; a microsecond database default would make pages skip rows.
 */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [Date, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') throw new Error('shape');
    const at = new Date(parsed[0]);
    if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(parsed[1])) throw new Error('values');
    return [at, parsed[1]];
  } catch {
    throw invalidCursor();
  }
}

/** Splits the limit+1 rows a page query fetched into the page and the cursor for the next one. */
export function toPage<R extends { created_at: Date; id: string }, V>(rows: R[], limit: number, view: (r: R) => V) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null };
}
