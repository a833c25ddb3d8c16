import { useState } from 'react';
import { ApiError } from '../../api';
import { similarApi, type MassOutage, type SimilarItem } from '../../api/similar';
import { useI18n } from '../../i18n';
import { linkHandler, ticketHref } from '../../router';
import { useLoad } from '../../useLoad';
import type { Ticket } from '../../types';
import { StatusBadge } from '../Badges';
import { ErrorNote } from '../ErrorNote';

/**
 * Similar requests on the agent's request page: each with its score and why (shared terms, same service,
 * region, resources), one click to link it or to resolve this request as its duplicate; the links of the
 * request; and, for L2/L3 and duty managers, the mass-outage candidate the request belongs to with its members.
 */
export function SimilarPanel({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t } = useI18n();
  const refresh = `${ticket.key}|${ticket.version}`;
  const similar = useLoad(() => similarApi.similar(ticket.key), refresh);
  const links = useLoad(() => similarApi.links(ticket.key), refresh);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Not staff (or the request vanished): the panel is simply not there.
  if (similar.error instanceof ApiError && (similar.error.status === 403 || similar.error.status === 404)) return null;

  async function act(fn: () => Promise<unknown>, changesTicket = false) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      similar.reload();
      links.reload();
      if (changesTicket) onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const data = similar.data;
  const canResolve = ticket.allowedTransitions.includes('resolved');
  return (
    <section className="card similar-panel" data-testid="similar-panel" aria-busy={similar.loading || busy}>
      {data?.massOutage && <OutageBlock outage={data.massOutage} busy={busy} onDecide={(a) => void act(() => similarApi.decide(data.massOutage!.id, a))} />}
      <h2 style={{ margin: '0 0 6px' }}>{t('similar.title')}</h2>
      <ErrorNote error={error ?? similar.error} onRetry={similar.reload} />
      {links.data && links.data.items.length > 0 && (
        <div data-testid="similar-links" style={{ marginBottom: 8 }}>
          <div className="muted small">{t('similar.links')}</div>
          <ul style={{ margin: '2px 0', paddingLeft: 18 }}>
            {links.data.items.map((l) => (
              <li key={l.id} data-testid="similar-link" data-key={l.ticket.key}>
                <TicketLink k={l.ticket.key} /> {l.ticket.subject} <StatusBadge status={l.ticket.status} />{' '}
                <span className="muted small">{t(`similar.linked.${l.kind}`)}</span>{' '}
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act(() => similarApi.unlink(ticket.key, l.ticket.key))}>
                  {t('similar.unlink')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {data && data.items.length === 0 && <p className="muted small">{t('similar.none')}</p>}
      {data && data.items.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {data.items.map((item) => (
            <SimilarRow
              key={item.key}
              item={item}
              busy={busy}
              canResolve={canResolve}
              onLink={() => void act(() => similarApi.link(ticket.key, 'related', item.key))}
              onDuplicate={() => {
                if (window.confirm(t('similar.markDuplicateConfirm', { key: ticket.key, original: item.key }))) {
                  void act(() => similarApi.markDuplicate(ticket.key, ticket.version, item.key), true);
                }
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function TicketLink({ k }: { k: string }) {
  return (
    <a className="mono" href={ticketHref(k)} onClick={linkHandler(ticketHref(k))}>
      {k}
    </a>
  );
}

function SimilarRow(props: { item: SimilarItem; busy: boolean; canResolve: boolean; onLink: () => void; onDuplicate: () => void }) {
  const { t, dt } = useI18n();
  const { item, busy } = props;
  const r = item.reasons;
  const facts = [
    r.sameOrganization ? t('similar.reason.organization') : t('similar.reason.otherOrganization'),
    r.sameService && t('similar.reason.service'),
    r.sameRegion && t('similar.reason.region'),
    r.sameProject && t('similar.reason.project'),
    r.sharedResources.length > 0 && t('similar.reason.resources', { ids: r.sharedResources.join(', ') }),
  ].filter(Boolean);
  return (
    <li data-testid="similar-item" data-key={item.key} style={{ padding: '6px 0', borderTop: '1px solid var(--line)' }}>
      <div style={{ display: 'flex', gap: 6, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <TicketLink k={item.key} />
        <span>{item.subject}</span>
        <StatusBadge status={item.status} />
        <span className="badge" title={t('similar.score', { score: Math.round(item.score * 100) })} data-testid="similar-score">
          {Math.round(item.score * 100)}%
        </span>
        {item.likelyDuplicate && (
          <span className="badge badge-internal" data-testid="similar-duplicate">
            {t('similar.likelyDuplicate')}
          </span>
        )}
        {item.suggestedAtIntake && <span className="muted small">{t('similar.atIntake')}</span>}
      </div>
      <div className="muted small">
        {item.organization.name} · {dt(item.createdAt)} · {facts.join(' · ')}
      </div>
      {r.sharedTerms.length > 0 && <div className="muted small">{t('similar.reason.terms', { terms: r.sharedTerms.join(', ') })}</div>}
      <div style={{ display: 'flex', gap: 6, marginTop: 3 }}>
        {item.link ? (
          <span className="small" data-testid="similar-linked">
            {t(`similar.linked.${item.link}`)}
          </span>
        ) : (
          <>
            <button type="button" className="btn btn-small" disabled={busy} onClick={props.onLink} data-testid="similar-link-btn">
              {t('similar.link')}
            </button>
            {r.sameOrganization && props.canResolve && (
              <button type="button" className="btn btn-small btn-note" disabled={busy} onClick={props.onDuplicate} data-testid="similar-duplicate-btn">
                {t('similar.markDuplicate')}
              </button>
            )}
          </>
        )}
      </div>
    </li>
  );
}

function OutageBlock({ outage, busy, onDecide }: { outage: MassOutage; busy: boolean; onDecide: (a: 'acknowledge' | 'dismiss') => void }) {
  const { t, dt, locale } = useI18n();
  const service = outage.service ? (locale === 'ru' ? outage.service.nameRu : outage.service.nameEn) : t('similar.any');
  return (
    <div className="alert" data-testid="mass-outage" style={{ marginBottom: 10, border: '1px solid #d9a441', background: 'var(--note-line)', padding: '6px 8px', borderRadius: 6 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <strong>{t('similar.outage.title')}</strong>
        <span className="badge">{t(`similar.outage.status.${outage.status}`)}</span>
        <span className="small">
          {t('similar.outage.summary', { orgs: outage.organizationCount, tickets: outage.ticketCount, since: dt(outage.firstSeenAt) })}
        </span>
      </div>
      <div className="small">{t('similar.outage.scope', { service, region: outage.region ?? t('similar.any') })}</div>
      <ul style={{ margin: '4px 0', paddingLeft: 18 }} data-testid="mass-outage-members">
        {outage.members.map((m) => (
          <li key={m.key} className="small">
            <TicketLink k={m.key} /> {m.subject} <span className="muted">· {m.organization.name}</span>
          </li>
        ))}
      </ul>
      {outage.status !== 'dismissed' && (
        <div style={{ display: 'flex', gap: 6 }}>
          {outage.status === 'suspected' && (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => onDecide('acknowledge')}>
              {t('similar.outage.acknowledge')}
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => onDecide('dismiss')}>
            {t('similar.outage.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
