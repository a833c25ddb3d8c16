import { useState } from 'react';
import { useI18n, isMessageKey, type MessageKey } from '../../i18n';
import { useLoad } from '../../useLoad';
import { ErrorNote } from '../../components/ErrorNote';
import { Link } from '../../components/Link';
import { useAction } from '../../components/admin/useAction';
import { ticketHref } from '../../router';
import { emailApi, type Delivery, type OutboundDetail, type OutboundStatus, type OutboundSummary } from '../../api/email';

const STATUSES: OutboundStatus[] = ['outbox', 'queued', 'sent', 'partial', 'failed', 'held', 'digested'];

/**
 * Outgoing mail for administrators and duty managers: per-recipient delivery status, one message opened
 * as plain text (never rendered as HTML), and retry of a failed one. `canEdit` is not needed: duty
 * managers may retry too, and the server decides.
 */
export function AdminOutbox(_props: { canEdit: boolean }) {
  const { t, dt } = useI18n();
  const [status, setStatus] = useState<OutboundStatus | ''>('');
  const [extra, setExtra] = useState<OutboundSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const more = useAction();
  const page = useLoad(async () => {
    const res = await emailApi.outbox({ status, limit: 50 });
    setExtra([]);
    setCursor(res.nextCursor);
    return res;
  }, `outbox-${status}`);
  const items = [...(page.data?.items ?? []), ...extra];
  const statusLabel = (s: string) => {
    const key = `email.outbox.st.${s}`;
    return isMessageKey(key) ? t(key) : s;
  };
  const loadMore = () =>
    more.run(async () => {
      const res = await emailApi.outbox({ status, cursor, limit: 50 });
      setExtra((x) => [...x, ...res.items]);
      setCursor(res.nextCursor);
    });

  return (
    <div className="card" data-testid="admin-outbox">
      <p className="muted small">{t('email.outbox.note')}</p>
      <div className="row">
        <label className="field inline">
          <span>{t('email.outbox.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as OutboundStatus | '')} data-testid="outbox-status">
            <option value="">{t('email.outbox.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={page.reload}>
          {t('email.outbox.refresh')}
        </button>
      </div>
      <ErrorNote error={page.error} onRetry={page.reload} />
      {page.data && items.length === 0 && <p className="muted">{t('email.outbox.empty')}</p>}
      {items.length > 0 && (
        <table className="table compact" data-testid="outbox-table">
          <thead>
            <tr>
              <th>{t('email.outbox.created')}</th>
              <th>{t('email.outbox.request')}</th>
              <th>{t('email.outbox.subject')}</th>
              <th>{t('email.outbox.delivery')}</th>
              <th>{t('email.outbox.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.id} data-testid={`outbox-row-${m.id}`} data-status={m.status}>
                <td className="nowrap">{dt(m.createdAt)}</td>
                <td>
                  <Link to={ticketHref(m.ticketKey)}>{m.ticketKey}</Link>
                </td>
                <td>{m.subject}</td>
                <td>
                  <Deliveries list={m.deliveries.length ? m.deliveries : m.to.map((r) => ({ recipient: r, status: 'pending' as const, attempts: 0, response: null, lastError: null, updatedAt: m.createdAt }))} />
                </td>
                <td>{statusLabel(m.status)}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setOpenId(openId === m.id ? null : m.id)} data-testid="outbox-open">
                    {openId === m.id ? t('email.outbox.close') : t('email.outbox.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" className="btn btn-small" onClick={() => void loadMore()} disabled={more.busy}>
          {t('email.outbox.more')}
        </button>
      )}
      <ErrorNote error={more.error} />
      {openId && <OutboundMessage key={openId} id={openId} onRetried={page.reload} />}
    </div>
  );
}

function Deliveries({ list }: { list: Delivery[] }) {
  const { t } = useI18n();
  return (
    <ul className="small" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {list.map((d) => {
        const key = `email.outbox.st.${d.status}`;
        return (
          <li key={d.recipient} data-delivery={d.status} title={d.lastError ?? d.response ?? undefined}>
            {d.recipient}: {isMessageKey(key) ? t(key) : d.status}
            {d.attempts > 1 ? ` ×${d.attempts}` : ''}
          </li>
        );
      })}
    </ul>
  );
}

function OutboundMessage({ id, onRetried }: { id: string; onRetried: () => void }) {
  const { t, dt } = useI18n();
  const msg = useLoad(() => emailApi.outboundEmail(id), `outbound-${id}`);
  const retry = useAction();
  const m: OutboundDetail | null = msg.data;
  const headers: Array<[string, string]> = m
    ? [
        [t('email.outbox.from'), m.headers.from ?? ''],
        [t('email.outbox.to'), m.headers.to.join(', ')],
        [t('email.outbox.subject'), m.headers.subject],
        [t('email.outbox.messageId'), m.headers.messageId ?? ''],
        [t('email.outbox.inReplyTo'), m.headers.inReplyTo ?? ''],
        [t('email.outbox.references'), m.headers.references.join(' ')],
        [t('email.outbox.template'), isMessageKey(`email.tpl.name.${m.template}`) ? t(`email.tpl.name.${m.template}` as MessageKey) : m.template],
        ...(m.sentAt ? [[t('email.outbox.sentAt'), dt(m.sentAt)] as [string, string]] : []),
      ]
    : [];
  const doRetry = async () => {
    if (
      await retry.run(async () => {
        msg.setData(await emailApi.retryOutboundEmail(id));
      })
    ) {
      onRetried();
    }
  };
  return (
    <div className="card" data-testid="outbox-message">
      <ErrorNote error={msg.error} onRetry={msg.reload} />
      {m && (
        <>
          <table className="table compact">
            <tbody>
              {headers.map(([k, v]) => (
                <tr key={k}>
                  <th>{k}</th>
                  <td className="small">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* The body is shown as text: mail content is never rendered as HTML. */}
          <div className="tl-body" style={{ margin: '12px 0', padding: '8px', border: '1px solid var(--line, #ddd)' }} data-testid="outbox-body">
            {m.bodyText}
          </div>
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('email.outbox.to')}</th>
                <th>{t('email.outbox.status')}</th>
                <th>{t('email.outbox.attempts')}</th>
                <th>{t('email.outbox.response')}</th>
                <th>{t('email.outbox.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {m.deliveries.map((d) => {
                const key = `email.outbox.st.${d.status}`;
                return (
                  <tr key={d.recipient}>
                    <td>{d.recipient}</td>
                    <td>{isMessageKey(key) ? t(key) : d.status}</td>
                    <td>{d.attempts}</td>
                    <td className="small">{d.response ?? ''}</td>
                    <td className="small">{d.lastError ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {(m.status === 'failed' || m.status === 'partial') && (
            <button type="button" className="btn" onClick={() => void doRetry()} disabled={retry.busy} data-testid="outbox-retry">
              {t('email.outbox.retry')}
            </button>
          )}
          {retry.done && <span className="ok-note small"> {t('email.outbox.retried')}</span>}
          <ErrorNote error={retry.error} />
        </>
      )}
    </div>
  );
}
