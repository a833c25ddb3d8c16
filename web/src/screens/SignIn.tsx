import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../api';
import { isMessageKey, useI18n } from '../i18n';
import { Link } from '../components/Link';
import { ErrorNote } from '../components/ErrorNote';
import type { Me, Meta } from '../types';

const DEMO_PASSWORD = 'demo';

export function SignIn({ meta, onSignedIn }: { meta: Meta | null; onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.login(email.trim(), password);
      onSignedIn(session.user);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const knownCode = error instanceof ApiError ? `signin.${error.code}` : '';

  return (
    <div className="signin">
      <form className="card signin-card" onSubmit={submit} data-testid="signin-form">
        <h1>{t('signin.title')}</h1>
        <label className="field">
          <span>{t('signin.email')}</span>
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="signin-email"
          />
        </label>
        <label className="field">
          <span>{t('signin.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="signin-password"
          />
        </label>
        {error !== null &&
          (isMessageKey(knownCode) ? (
            <div className="alert alert-error" role="alert" data-testid="signin-error">
              {t(knownCode)}
            </div>
          ) : (
            <ErrorNote error={error} />
          ))}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="signin-submit">
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
      </form>
      {meta?.demo && meta.demoAccounts && meta.demoAccounts.length > 0 && (
        <aside className="card demo-hint" data-testid="demo-hint">
          <p>
            {t('signin.demoTitle')} <code>{DEMO_PASSWORD}</code>
          </p>
          <table className="table compact">
            <tbody>
              {meta.demoAccounts.map((a) => (
                <tr key={a.email}>
                  <td>
                    <button
                      type="button"
                      className="linklike"
                      title={t('signin.useAccount')}
                      data-testid="demo-account"
                      onClick={() => {
                        setEmail(a.email);
                        setPassword(DEMO_PASSWORD);
                      }}
                    >
                      {a.email}
                    </button>
                  </td>
                  <td className="muted">{a.role}</td>
                  <td className="muted small">{a.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </aside>
      )}
      <p className="small" data-testid="signin-help">
        <Link to="/help">{t('signin.helpLink')}</Link>
      </p>
      {meta && <p className="muted small version">tierdesk {meta.version}</p>}
    </div>
  );
}
