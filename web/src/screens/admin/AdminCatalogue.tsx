/** Admin section placeholder (catalogue and forms); replaced by the real screen. */
export function AdminCatalogue({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
