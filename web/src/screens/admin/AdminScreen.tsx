import { useI18n, type MessageKey } from '../../i18n';
import { useSession } from '../../session';
import { ADMIN_SECTIONS, type AdminSection } from '../../router';
import { Link } from '../../components/Link';
import { AdminLines } from './AdminLines';
import { AdminTeams } from './AdminTeams';
import { AdminReasons } from './AdminReasons';
import { AdminRouting } from './AdminRouting';
import { AdminSla } from './AdminSla';
import { AdminCatalogue } from './AdminCatalogue';
import { AdminKnowledge } from './AdminKnowledge';
import { AdminMacros } from './AdminMacros';
import { AdminTemplates } from './AdminTemplates';
import { AdminOutbox } from './AdminOutbox';
import { AdminClassifier } from './AdminClassifier';

const TITLES: Record<AdminSection, MessageKey> = {
  lines: 'admin.lines',
  teams: 'admin.teams',
  reasons: 'admin.reasons',
  routing: 'admin.routing',
  sla: 'admin.sla',
  catalogue: 'admin.catalogue',
  knowledge: 'admin.knowledge',
  macros: 'admin.macros',
  templates: 'admin.templates',
  outbox: 'admin.outbox',
  classifier: 'admin.classifier',
};

/** Administration of the support organisation; duty managers see it read-only. */
export function AdminScreen({ section }: { section: AdminSection }) {
  const { t } = useI18n();
  const { me } = useSession();
  const canEdit = me.staffRole === 'admin';
  return (
    <div className="page wide" data-testid="admin-page" data-section={section}>
      <div className="page-head">
        <h1>{t(TITLES[section])}</h1>
        <nav className="admin-tabs" aria-label={t('nav.admin')}>
          {ADMIN_SECTIONS.map((s) => (
            <Link key={s} to={`/admin/${s}`} className={s === section ? 'admin-tab on' : 'admin-tab'} testId={`admin-tab-${s}`}>
              {t(TITLES[s])}
            </Link>
          ))}
        </nav>
      </div>
      {!canEdit && (
        <p className="alert alert-warn" data-testid="admin-readonly">
          {t('admin.readOnly')}
        </p>
      )}
      {section === 'lines' && <AdminLines canEdit={canEdit} />}
      {section === 'teams' && <AdminTeams canEdit={canEdit} />}
      {section === 'reasons' && <AdminReasons canEdit={canEdit} />}
      {section === 'routing' && <AdminRouting canEdit={canEdit} />}
      {section === 'sla' && <AdminSla canEdit={canEdit} />}
      {section === 'catalogue' && <AdminCatalogue canEdit={canEdit} />}
      {section === 'knowledge' && <AdminKnowledge canEdit={canEdit} />}
      {section === 'macros' && <AdminMacros canEdit={canEdit} />}
      {section === 'templates' && <AdminTemplates canEdit={canEdit} />}
      {section === 'outbox' && <AdminOutbox canEdit={canEdit} />}
      {section === 'classifier' && <AdminClassifier canEdit={canEdit} />}
    </div>
  );
}
