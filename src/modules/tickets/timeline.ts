import type { AppContext } from '../../shared/context.js';
import type { Actor } from '../identity/actor.js';
import { loadVisibleTicket } from './load-ticket.js';
import { readableVisibilities } from './policy.js';

/** Messages and history merged oldest first; internal notes and internal events only for staff. */
export async function getTimeline(ctx: AppContext, actor: Actor, key: string) {
  const t = await loadVisibleTicket(ctx.db, actor, key);
  const visible = readableVisibilities(actor);
  const [messages, events, files] = await Promise.all([
    ctx.db
      .selectFrom('ticket_messages as m')
      .leftJoin('users as u', 'u.id', 'm.author_id')
      .select(['m.id', 'm.visibility', 'm.body', 'm.created_at', 'm.author_id', 'u.name as author_name', 'u.kind as author_kind'])
      .where('m.ticket_id', '=', t.id)
      .where('m.visibility', 'in', visible)
      .orderBy('m.created_at')
      .execute(),
    ctx.db
      .selectFrom('events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.type', 'e.changes', 'e.data', 'e.created_at', 'e.actor_id', 'u.name as actor_name'])
      .where('e.ticket_id', '=', t.id)
      .where('e.visibility', 'in', visible)
      .where('e.type', 'not in', ['ticket.replied', 'ticket.note_added'])
      .orderBy('e.id')
      .execute(),
    ctx.db
      .selectFrom('attachments')
      .select(['id', 'message_id', 'file_name', 'size_bytes', 'content_type', 'visibility'])
      .where('ticket_id', '=', t.id)
      .where('visibility', 'in', visible)
      .execute(),
  ]);
  const items = [
    ...messages.map((m) => ({
      kind: 'message' as const,
      id: m.id,
      visibility: m.visibility,
      body: m.body,
      author: m.author_id ? { id: m.author_id, name: m.author_name ?? '', kind: m.author_kind ?? 'staff' } : null,
      createdAt: m.created_at,
      attachments: files
        .filter((f) => f.message_id === m.id)
        .map((f) => ({ id: f.id, fileName: f.file_name, sizeBytes: f.size_bytes, contentType: f.content_type })),
    })),
    ...events.map((e) => ({
      kind: 'event' as const,
      id: String(e.id),
      type: e.type,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      changes: e.changes,
      data: visible.includes('internal') ? e.data : {},
      createdAt: e.created_at,
    })),
  ];
  items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.kind === 'message' ? -1 : 1));
  return { items };
}
