/** Admin section placeholder (notification templates); replaced by the real screen. */
export function AdminTemplates({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
