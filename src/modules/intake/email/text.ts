/** Pure text helpers for the e-mail channel: HTML to safe text, quoted-history stripping, loop detection. */

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', quot: '"', apos: "'", laquo: '«', raquo: '»', mdash: '—', ndash: '–', hellip: '…' };

/**
 * Text a reader would see, never markup: script/style/head blocks go with their content, tags go,
 * entities are decoded except &lt; and &gt;, which would turn escaped text back into tags.
 */
export function htmlToSafeText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title|template|noscript|iframe|object)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(script|style|head|title|template|noscript|iframe|object)\b[^>]*>[\s\S]*$/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)\s*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '- ')
    .replace(/<[^>]*>?/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code === 60 || code === 62 || !Number.isFinite(code) || code > 0x10ffff ? m : String.fromCodePoint(code);
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
  return tidy(text);
}

/** No markup survives: a plain-text part may carry tags too (and the UI must never meet one). */
export function neutralizeMarkup(text: string): string {
  return text.replace(/<(\/?)(script|style|iframe|object|embed)\b/gi, '&lt;$1$2');
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const QUOTE_HEADERS = [
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Исходное сообщение\s*-{2,}/i,
  /^-{2,}\s*Forwarded message\s*-{2,}/i,
  /^_{5,}\s*$/,
  /^From:\s.+/i,
  /^От кого:\s.+/i,
];

/**
 * The new part of a reply: cut at the first "On … wrote:" / "… пишет:" / "-----Original Message-----"
 * line and drop ">" quoted lines. The attribution line may be wrapped onto two lines by the client.
 */
export function stripQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`;
    if (isAttribution(line) || (/^(On|В|\d)/.test(line) && isAttribution(joined) && !isAttribution(lines[i + 1] ?? ''))) break;
    if (QUOTE_HEADERS.some((r) => r.test(line)) && kept.length > 0) break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i] ?? '');
  }
  const out = tidy(kept.join('\n'));
  return out || tidy(text);
}

function isAttribution(line: string): boolean {
  return /^On\s.+wrote:\s*$/i.test(line) || /\s(пишет|написал|написала)\s*:\s*$/i.test(line) || /^>?\s*\d{1,2}[./]\d{1,2}[./]\d{2,4}.*(пишет|wrote)\s*:\s*$/i.test(line);
}

/** The request key a subject names, e.g. "Re: Disk [SUP-1234]" → SUP-1234. */
export function subjectKey(subject: string): string | null {
  const m = /\[(SUP-\d{1,12})\]/i.exec(subject);
  return m?.[1] ? m[1].toUpperCase() : null;
}

const ROBOT_LOCAL = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?|auto-?reply)([+-].*)?$/i;

/**
 * Why a message is machine-generated (and must never be answered or open a request), or null.
 * RFC 3834 Auto-Submitted, Precedence bulk/junk/list, vendor auto-reply headers, daemon senders, our own From.
 */
export function automatedReason(headers: Record<string, string>, from: string | null, envelopeFrom: string | null, ownAddress: string): string | null {
  const h = (n: string) => (headers[n] ?? '').trim().toLowerCase();
  if (h('auto-submitted') && h('auto-submitted') !== 'no') return 'auto_submitted';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(h('precedence'))) return 'precedence';
  if (h('x-autoreply') || h('x-autorespond')) return 'autoreply_header';
  if (h('content-type').startsWith('multipart/report')) return 'delivery_report';
  if (h('list-id') || h('list-unsubscribe')) return 'mailing_list';
  const local = (from ?? '').split('@')[0] ?? '';
  if (ROBOT_LOCAL.test(local)) return 'daemon_sender';
  if (envelopeFrom === '') return 'null_return_path';
  if (from && from.toLowerCase() === ownAddress.toLowerCase()) return 'loop';
  return null;
}

/** Message-IDs from In-Reply-To / References, normalised to "<id>" form. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  const raw = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const ids = raw.match(/<[^<>\s]+>/g) ?? [];
  return [...new Set(ids)].slice(0, 50);
}
