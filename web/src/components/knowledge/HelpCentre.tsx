import { useContext, useState } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../ErrorNote';
import { Link } from '../Link';
import { kbApi, type Article } from '../../api/knowledge';
import { SessionContext } from '../../session';

/** The help centre: search published articles (customers see public ones only), read one, say whether it helped. */
export function HelpCentre({ slug }: { slug: string | null }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const list = useLoad(() => kbApi.list({ q: q.trim() || undefined, status: 'published', limit: 50 }), `help-${q}`);
  const title = (a: { titleEn: string | null; titleRu: string | null; slug: string }) => (locale === 'ru' ? a.titleRu ?? a.titleEn : a.titleEn ?? a.titleRu) ?? a.slug;
  if (slug) return <HelpArticle slug={slug} />;
  return (
    <div className="page" data-testid="help-centre">
      <div className="page-head">
        <h1>{t('kb.helpCentre')}</h1>
      </div>
      <input className="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('kb.searchPlaceholder')} data-testid="help-search" />
      <ErrorNote error={list.error} onRetry={list.reload} />
      <ul className="kb-list" style={{ listStyle: 'none', padding: 0, margin: '0.5em 0' }}>
        {list.data?.items.map((a) => (
          <li key={a.id} data-testid={`help-item-${a.slug}`}>
            <Link to={`/help/${a.slug}`}>{title(a)}</Link> <span className="muted small">{t(`kb.kind.${a.kind}`)}</span>
            <div className="muted small">{a.excerpt}</div>
          </li>
        ))}
      </ul>
      {list.data?.items.length === 0 && <p className="muted">{t('kb.nothingFound')}</p>}
    </div>
  );
}

function HelpArticle({ slug }: { slug: string }) {
  const { t, locale } = useI18n();
  const article = useLoad(() => kbApi.get(slug), `help-article-${slug}`);
  const signedIn = useContext(SessionContext) !== null;
  const [voted, setVoted] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const a = article.data;
  if (!a) return <div className="page">{article.error ? <ErrorNote error={article.error} /> : <p className="muted">{t('app.loading')}</p>}</div>;
  const pick = (en: string | null, ru: string | null) => (locale === 'ru' ? ru ?? en : en ?? ru) ?? '';
  const mine = voted ?? a.myFeedback?.helpful ?? null;
  async function vote(helpful: boolean) {
    await kbApi.giveFeedback((a as Article).slug, helpful, comment.trim() || undefined);
    setVoted(helpful);
  }
  return (
    <div className="page" data-testid="help-article" data-slug={a.slug}>
      <Link to="/help" className="back">
        {t('kb.helpCentre')}
      </Link>
      <h1>{pick(a.titleEn, a.titleRu)}</h1>
      <p className="muted small">{t(`kb.kind.${a.kind}`)}{a.errorStatus ? ` · ${t(`kb.errorStatus.${a.errorStatus}`)}` : ''}</p>
      {(a.symptomsEn || a.symptomsRu) && (
        <section className="card">
          <strong>{t('kb.symptoms')}</strong>
          <p style={{ whiteSpace: 'pre-wrap' }}>{pick(a.symptomsEn, a.symptomsRu)}</p>
        </section>
      )}
      <div className="tl-body" style={{ whiteSpace: 'pre-wrap' }}>
        {pick(a.bodyEn, a.bodyRu)}
      </div>
      {(a.workaroundEn || a.workaroundRu) && (
        <section className="card">
          <strong>{t('kb.workaround')}</strong>
          <p style={{ whiteSpace: 'pre-wrap' }}>{pick(a.workaroundEn, a.workaroundRu)}</p>
        </section>
      )}
      <section className="card" data-testid="help-feedback">
        {!signedIn ? (
          <p className="muted" data-testid="help-sign-in-to-rate">
            <Link to="/">{t('kb.signInToRate')}</Link>
          </p>
        ) : mine === null ? (
          <>
            <p>{t('kb.didItHelp')}</p>
            <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} placeholder={t('kb.commentPlaceholder')} />
            <div className="actions">
              <button type="button" className="btn" onClick={() => void vote(true)} data-testid="help-yes">
                {t('kb.yes')}
              </button>
              <button type="button" className="btn" onClick={() => void vote(false)} data-testid="help-no">
                {t('kb.no')}
              </button>
            </div>
          </>
        ) : (
          <p className="muted">{t('kb.thanks')}</p>
        )}
      </section>
    </div>
  );
}
