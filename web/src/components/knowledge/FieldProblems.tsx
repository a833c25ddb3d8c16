import { ApiError } from '../../api';

/** The per-field problems of a 400 answer, so an editor sees which field to fix (nothing typed is lost). */
export function FieldProblems({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return null;
  const rows = (error.details as Array<{ field?: unknown; message?: unknown }>).filter((d) => typeof d.field === 'string');
  if (rows.length === 0) return null;
  return (
    <ul className="field-error" data-testid="field-problems">
      {rows.map((d, i) => (
        <li key={i}>
          <span className="mono">{String(d.field).replace(/^body\./, '')}</span>: {String(d.message)}
        </li>
      ))}
    </ul>
  );
}
