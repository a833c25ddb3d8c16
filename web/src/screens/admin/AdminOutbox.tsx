/** Admin section placeholder (outbox); replaced by the real screen. */
export function AdminOutbox({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
