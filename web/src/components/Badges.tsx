import { useI18n } from '../i18n';
import type { Priority, Status } from '../types';

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return (
    <span className={`badge status-${status}`} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return (
    <span className={`prio prio-${priority}`} data-testid="priority-badge" data-priority={priority}>
      {t(`priority.${priority}`)}
    </span>
  );
}
