import { LOCALES, useI18n } from '../i18n';
import { SessionContext, isStaff } from '../session';
import { useContext } from 'react';
import { Link } from './Link';

export function Header() {
  const { t, locale, setLocale } = useI18n();
  const session = useContext(SessionContext);
  const me = session?.me;

  return (
    <header className="topbar" data-testid="header">
      <Link to="/" className="brand">
        {t('app.name')}
      </Link>
      {me && (
        <nav className="topnav">
          {isStaff(me) ? (
            <>
              <Link to="/" testId="nav-queue">
                {t('nav.queue')}
              </Link>
              <Link to="/requests/new" testId="nav-phone-request">
                {t('nav.phoneRequest')}
              </Link>
              <Link to="/roster" testId="nav-roster">
                {t('nav.roster')}
              </Link>
              {(me.staffRole === 'duty_manager' || me.staffRole === 'admin') && (
                <Link to="/reports/sla" testId="nav-sla-report">
                  {t('nav.slaReport')}
                </Link>
              )}
              {me.staffRole !== 'agent' && (
                <>
                  <Link to="/metrics/lines" testId="nav-line-metrics">
                    {t('nav.lineMetrics')}
                  </Link>
                  <Link to="/admin/lines" testId="nav-admin">
                    {t('nav.admin')}
                  </Link>
                </>
              )}
            </>
          ) : (
            <>
              <Link to="/" testId="nav-requests">
                {t('nav.myRequests')}
              </Link>
              <Link to="/requests/new" testId="nav-new-request">
                {t('nav.newRequest')}
              </Link>
              <Link to="/help" testId="nav-help">
                {t('nav.help')}
              </Link>
            </>
          )}
        </nav>
      )}
      {!me && (
        <nav className="topnav">
          <Link to="/help" testId="nav-help">
            {t('nav.help')}
          </Link>
          <Link to="/" testId="nav-sign-in">
            {t('nav.signIn')}
          </Link>
        </nav>
      )}
      <div className="spacer" />
      {me && (
        <div className="whoami" data-testid="whoami">
          <span className="whoami-name" data-testid="whoami-name">{me.name}</span>
          <span className="muted small" data-testid="whoami-context">
            {isStaff(me)
              ? [me.lines.map((l) => l.code).join(', '), me.teams.map((tm) => tm.name).join(', ')].filter(Boolean).join(' · ') ||
                me.staffRole
              : (me.organization?.name ?? t('header.noOrg'))}
          </span>
        </div>
      )}
      <div className="lang" role="group" aria-label={t('header.language')} data-testid="lang-switch">
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            className={l === locale ? 'lang-btn active' : 'lang-btn'}
            aria-pressed={l === locale}
            data-testid={`lang-${l}`}
            onClick={() => setLocale(l)}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </div>
      {me && session && (
        <button type="button" className="btn btn-small" data-testid="sign-out" onClick={session.signOut}>
          {t('header.signOut')}
        </button>
      )}
    </header>
  );
}
