import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { forgetReferenceData } from '../../session';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/admin/useAction';
import type { EscalationReason, ReasonInput } from '../../types';

/** The catalogue of escalation reasons: RU/EN names, order, active (reasons are retired, never deleted). */
export function AdminReasons({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const reasons = useLoad(() => api.allEscalationReasons(), 'admin-reasons');
  const changed = () => {
    forgetReferenceData();
    reasons.reload();
  };
  return (
    <div className="card" data-testid="admin-reasons">
      <ErrorNote error={reasons.error} onRetry={reasons.reload} />
      <table className="table compact">
        <thead>
          <tr>
            <th>{t('admin.code')}</th>
            <th>{t('admin.nameRu')}</th>
            <th>{t('admin.nameEn')}</th>
            <th>{t('admin.sort')}</th>
            <th>{t('admin.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {reasons.data?.items.map((r) => (
            <ReasonRow key={`${r.id}-${r.nameEn}-${r.nameRu}-${r.active}-${r.sort}`} reason={r} canEdit={canEdit} onSave={(input) => api.updateReason(r.id, input).then(changed)} />
          ))}
          {canEdit && <ReasonRow key={`new-${reasons.data?.items.length ?? 0}`} reason={null} canEdit onSave={(input) => api.createReason(input).then(changed)} />}
        </tbody>
      </table>
    </div>
  );
}

function ReasonRow({ reason, canEdit, onSave }: { reason: EscalationReason | null; canEdit: boolean; onSave: (i: ReasonInput) => Promise<unknown> }) {
  const { t } = useI18n();
  const [v, setV] = useState({ code: reason?.code ?? '', nameRu: reason?.nameRu ?? '', nameEn: reason?.nameEn ?? '', sort: reason?.sort ?? 100, active: reason?.active ?? true });
  const save = useAction();
  const formId = `reason-${reason?.code ?? 'new'}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const input: ReasonInput = { ...v };
    if (reason) delete input.code;
    await save.run(() => onSave(input));
  }
  return (
    <tr data-testid={formId}>
      <td>
        <form id={formId} onSubmit={submit} />
        <input form={formId} value={v.code} disabled={!canEdit || reason !== null} onChange={(e) => setV({ ...v, code: e.target.value })} placeholder="code_name" required />
      </td>
      <td>
        <input form={formId} value={v.nameRu} disabled={!canEdit} onChange={(e) => setV({ ...v, nameRu: e.target.value })} required />
      </td>
      <td>
        <input form={formId} value={v.nameEn} disabled={!canEdit} onChange={(e) => setV({ ...v, nameEn: e.target.value })} required />
      </td>
      <td>
        <input form={formId} type="number" className="num-input" value={v.sort} disabled={!canEdit} onChange={(e) => setV({ ...v, sort: Number(e.target.value) })} />
      </td>
      <td>
        <input form={formId} type="checkbox" checked={v.active} disabled={!canEdit} onChange={(e) => setV({ ...v, active: e.target.checked })} aria-label={t('admin.active')} />
      </td>
      <td className="nowrap">
        {canEdit && (
          <button form={formId} type="submit" className="btn btn-small" disabled={save.busy}>
            {reason ? t('admin.save') : t('admin.add')}
          </button>
        )}
        {save.done && <span className="ok-note small"> {t('admin.saved')}</span>}
        <ErrorNote error={save.error} />
      </td>
    </tr>
  );
}
