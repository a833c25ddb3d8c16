import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { slaAdminApi } from '../../api/sla-admin';
import { ErrorNote } from '../../components/ErrorNote';
import { SlaPlansAdmin } from '../../components/sla/admin/SlaPlansAdmin';
import { SlaEscalationAdmin, SlaWarnAtAdmin } from '../../components/sla/admin/SlaEscalationAdmin';
import { SlaCalendarsAdmin } from '../../components/sla/admin/SlaCalendarsAdmin';
import { SlaServicesAdmin } from '../../components/sla/admin/SlaServicesAdmin';

/** SLA administration: plans and their targets, warning points, escalation chains, calendars, beta services. Duty managers read. */
export function AdminSla({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const plans = useLoad(() => slaAdminApi.plans(), 'sla-admin-plans');
  const calendars = useLoad(() => slaAdminApi.calendars(), 'sla-admin-calendars');
  const warnAt = plans.data?.items[0]?.warnAt ?? [0.5, 0.75, 0.9];
  return (
    <div data-testid="admin-sla" data-can-edit={String(canEdit)}>
      <ErrorNote error={plans.error} onRetry={plans.reload} />
      <ErrorNote error={calendars.error} onRetry={calendars.reload} />
      {(plans.loading || calendars.loading) && !plans.data && <p className="muted">{t('app.loading')}</p>}
      {plans.data && calendars.data && (
        <>
          <SlaPlansAdmin plans={plans.data.items} calendars={calendars.data.items} canEdit={canEdit} onChanged={plans.reload} />
          <SlaWarnAtAdmin key={warnAt.join(',')} warnAt={warnAt} canEdit={canEdit} onChanged={plans.reload} />
          <SlaEscalationAdmin plans={plans.data.items} warnAt={warnAt} canEdit={canEdit} onChanged={plans.reload} />
          <SlaCalendarsAdmin calendars={calendars.data.items} canEdit={canEdit} onChanged={calendars.reload} />
        </>
      )}
      <SlaServicesAdmin canEdit={canEdit} />
    </div>
  );
}
