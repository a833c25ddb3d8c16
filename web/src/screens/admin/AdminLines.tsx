import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { forgetReferenceData } from '../../session';
import { ErrorNote } from '../../components/ErrorNote';
import { LineForm } from '../../components/admin/LineForm';

export function AdminLines({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const lines = useLoad(() => api.lines(), 'admin-lines');
  const changed = () => {
    forgetReferenceData();
    lines.reload();
  };
  return (
    <div data-testid="admin-lines">
      <ErrorNote error={lines.error} onRetry={lines.reload} />
      {lines.loading && !lines.data && <p className="muted">{t('app.loading')}</p>}
      {lines.data &&
        [...lines.data.items]
          .sort((a, b) => a.level - b.level)
          .map((l) => <LineForm key={`${l.id}-${l.nameEn}-${l.keepsCustomerContact}`} line={l} canEdit={canEdit} onSave={(input) => api.updateLine(l.id, input).then(changed)} />)}
      {canEdit && (
        <>
          <h2>{t('admin.newLine')}</h2>
          <LineForm key={`new-${lines.data?.items.length ?? 0}`} line={null} canEdit onSave={(input) => api.createLine(input).then(changed)} />
        </>
      )}
    </div>
  );
}
