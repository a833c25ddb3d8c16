/** Admin section placeholder (macros); replaced by the real screen. */
export function AdminMacros({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
