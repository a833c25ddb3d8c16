import { useI18n } from '../../i18n';
import type { EscalationReason, Handover } from '../../types';

function Section({ label, text, testId }: { label: string; text: string; testId: string }) {
  if (!text) return null;
  return (
    <div className="ho-section">
      <div className="ho-label">{label}</div>
      <div className="tl-body" data-testid={testId}>
        {text}
      </div>
    </div>
  );
}

/** Escalation and return hand-overs, newest first: what the receiving line reads before anything else. */
export function HandoverList({ items, reasons }: { items: Handover[]; reasons: EscalationReason[] }) {
  const { t, dt, locale } = useI18n();
  const reasonName = (r: { code: string; name: string }) => {
    const known = reasons.find((x) => x.code === r.code);
    return known ? (locale === 'ru' ? known.nameRu : known.nameEn) : r.name;
  };
  if (items.length === 0) return null;
  return (
    <section className="handovers" data-testid="handovers">
      <h2>{t('lines.handovers')}</h2>
      <ol className="ho-list">
        {items.map((h, i) => (
          <li key={h.id} className={`card handover ho-${h.kind}${i === 0 ? ' ho-latest' : ''}`} data-testid="handover" data-kind={h.kind}>
            <div className="ho-head">
              <span className={`badge ho-kind-${h.kind}`}>{t(`lines.kind.${h.kind}`)}</span>
              <strong className="mono" data-testid="handover-route">
                {h.fromLine ?? '—'}
                {h.fromTeam ? ` (${h.fromTeam})` : ''} → {h.toLine}
                {h.toTeam ? ` (${h.toTeam})` : ''}
              </strong>
              <span className="spacer" />
              <span data-testid="handover-actor">{h.actor?.name ?? t('ticket.someone')}</span>
              <span className="tl-time">{dt(h.createdAt)}</span>
            </div>
            {h.reason && (
              <div className="ho-reason" data-testid="handover-reason">
                <span className="ho-label">{t('lines.reason')}:</span> {reasonName(h.reason)}
                {h.reasonText ? ` — ${h.reasonText}` : ''}
              </div>
            )}
            <div className="ho-grid">
              <Section label={t('lines.checked')} text={h.checked} testId="handover-checked" />
              <Section label={t('lines.found')} text={h.found} testId="handover-found" />
              <Section label={t('lines.toldCustomer')} text={h.toldCustomer} testId="handover-told" />
              <Section label={t('lines.instructionsLabel')} text={h.instructions} testId="handover-instructions" />
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
