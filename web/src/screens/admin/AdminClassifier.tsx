/** Admin section placeholder (classifier models); replaced by the real screen. */
export function AdminClassifier({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
