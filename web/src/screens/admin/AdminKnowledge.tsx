/** Admin section placeholder (knowledge base); replaced by the real screen. */
export function AdminKnowledge({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
