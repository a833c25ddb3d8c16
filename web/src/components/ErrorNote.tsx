import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** An error from the API or the network, in the user's language where we know the code. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  let text: string;
  let requestId: string | null = null;
  if (error instanceof ApiError) {
    requestId = error.requestId;
    if (error.status === 0) text = t('error.network');
    else if (error.status === 403) text = t('error.forbidden');
    else text = t('error.generic', { message: error.message });
  } else {
    text = t('error.generic', { message: error instanceof Error ? error.message : String(error) });
  }
  return (
    <div className="alert alert-error" role="alert" data-testid="error">
      <span>{text}</span>
      {requestId && <span className="muted small"> {t('error.requestId', { id: requestId })}</span>}
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/** Per-field messages from a 400 VALIDATION_FAILED body: { field: 'body.subject', message }[]. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const d of error.details as unknown[]) {
    if (typeof d !== 'object' || d === null) continue;
    const { field, message } = d as { field?: unknown; message?: unknown };
    if (typeof field !== 'string' || typeof message !== 'string') continue;
    const name = field.replace(/^body\./, '').split('.')[0] ?? field;
    out[name] ??= message;
  }
  return out;
}
