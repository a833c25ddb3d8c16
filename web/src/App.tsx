import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, api, setUnauthenticatedHandler } from './api';
import { I18nContext, initialLocale, makeI18n, storeLocale, storedLocale } from './i18n';
import { matchRoute, navigate, usePath } from './router';
import { SessionContext, forgetReferenceData, isStaff, type SessionState } from './session';
import type { Locale, Me, Meta } from './types';
import { Header } from './components/Header';
import { ErrorNote } from './components/ErrorNote';
import { Link } from './components/Link';
import { SignIn } from './screens/SignIn';
import { CustomerRequests } from './screens/CustomerRequests';
import { NewRequest } from './screens/NewRequest';
import { CustomerTicket } from './screens/CustomerTicket';
import { AgentQueue } from './screens/AgentQueue';
import { AgentTicket } from './screens/AgentTicket';
import { Roster } from './screens/Roster';
import { SlaReport } from './screens/SlaReport';
import { AdminScreen } from './screens/admin/AdminScreen';
import { LineMetrics } from './screens/LineMetrics';
import { HelpCentre } from './components/knowledge/HelpCentre';

type Boot = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; me: Me | null };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    storeLocale(l);
    setLocaleState(l);
  }, []);
  const i18n = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [meta, setMeta] = useState<Meta | null>(null);
  const path = usePath();

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const signedIn = useCallback((me: Me) => {
    // The account's language applies until the person picks one in the switcher.
    if (!storedLocale()) setLocaleState(me.locale);
    setBoot({ state: 'ready', me });
  }, []);

  const start = useCallback(() => {
    setBoot({ state: 'loading' });
    api.meta().then(setMeta, () => setMeta(null));
    api.me().then(
      (s) => signedIn(s.user),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setBoot({ state: 'ready', me: null });
        else setBoot({ state: 'error', error: err });
      },
    );
  }, [signedIn]);

  useEffect(start, [start]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      forgetReferenceData();
      setBoot({ state: 'ready', me: null });
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signOut = useCallback(() => {
    api.logout().finally(() => {
      forgetReferenceData();
      setBoot({ state: 'ready', me: null });
      navigate('/');
    });
  }, []);

  const me = boot.state === 'ready' ? boot.me : null;
  const session = useMemo<SessionState | null>(() => (me ? { me, signOut } : null), [me, signOut]);

  let body;
  if (boot.state === 'loading') body = <p className="page muted">{i18n.t('app.loading')}</p>;
  else if (boot.state === 'error') body = <div className="page"><ErrorNote error={boot.error} onRetry={start} /></div>;
  else if (!session) {
    // The help centre is public: anyone may read the public articles without an account.
    const route = matchRoute(path);
    body = route.name === 'help' ? <HelpCentre key={route.slug ?? ''} slug={route.slug} /> : <SignIn meta={meta} onSignedIn={signedIn} />;
  }
  else body = <Screen path={path} me={session.me} />;

  return (
    <I18nContext.Provider value={i18n}>
      <SessionContext.Provider value={session}>
        <div className="app">
          <Header />
          <main>{body}</main>
        </div>
      </SessionContext.Provider>
    </I18nContext.Provider>
  );
}

function Screen({ path, me }: { path: string; me: Me }) {
  const route = matchRoute(path);
  const staff = isStaff(me);
  useEffect(() => {
    if (route.name === 'signin') navigate('/', { replace: true });
  }, [route.name]);
  if (me.kind !== 'customer' && !staff) return <NotFound messageKey="app.unsupportedKind" />;
  switch (route.name) {
    case 'home':
    case 'signin':
      return staff ? <AgentQueue /> : <CustomerRequests />;
    case 'new':
      return <NewRequest />;
    case 'roster':
      return staff ? <Roster /> : <NotFound />;
    case 'ticket':
      return staff ? <AgentTicket key={route.key} ticketKey={route.key} /> : <CustomerTicket key={route.key} ticketKey={route.key} />;
    case 'admin':
      return staff && me.staffRole !== 'agent' ? <AdminScreen section={route.section} /> : <NotFound />;
    case 'lineMetrics':
      return staff && me.staffRole !== 'agent' ? <LineMetrics /> : <NotFound />;
    case 'slaReport':
      return staff && (me.staffRole === 'duty_manager' || me.staffRole === 'admin') ? <SlaReport /> : <NotFound />;
    case 'help':
      return <HelpCentre key={route.slug ?? ''} slug={route.slug} />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound({ messageKey }: { messageKey?: 'app.unsupportedKind' }) {
  return (
    <I18nContext.Consumer>
      {({ t }) => (
        <div className="page">
          <p>{t(messageKey ?? 'app.notFound')}</p>
          <Link to="/">{t('app.toStart')}</Link>
        </div>
      )}
    </I18nContext.Consumer>
  );
}
