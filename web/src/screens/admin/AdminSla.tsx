/** Admin section placeholder (SLA plans, calendars, escalation chains); replaced by the real screen. */
export function AdminSla({ canEdit }: { canEdit: boolean }) {
  return <p className="muted" data-can-edit={String(canEdit)}>—</p>;
}
