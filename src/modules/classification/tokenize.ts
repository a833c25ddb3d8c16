/**
 * Tokenizer for Russian, English and mixed support-request text. Identifiers that differ in every
 * request (UUIDs, IPs, project IDs, e-mails) collapse to placeholder tokens so the model learns
 * "a VM UUID was pasted" rather than memorising one customer's UUID.
 */
import { stemEnglish } from './stem-en.js';
import { stemRussian } from './stem-ru.js';

export type StemMode = 'none' | 'ru' | 'all';

export interface TokenizeOptions {
  /**
   * Snowball stemming: `ru` stems Cyrillic words only, `all` also English ones. English
   * stemming cost 0.6 points of accuracy on the Endava set (little morphology, and char n-grams
   * already cover it), while Russian inflection splits one word into a dozen surface forms.
   */
  stem?: StemMode;
  /** Drop very common function words. Negations are kept: "не работает" ≠ "работает". */
  dropStopwords?: boolean;
}

export interface Token {
  /** Normalised feature form: a stem, a technical token or a placeholder like `__uuid__`. */
  term: string;
  /** Lower-case surface word before stemming; char n-grams are built from it. */
  surface: string;
}

const PLACEHOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, ' __email__ '],
  [/\bhttps?:\/\/[^\s"'<>]+/gi, ' __url__ '],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' __uuid__ '],
  [/\bmcs\d{10}\b/gi, ' __project__ '],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?::\d{1,5})?\b/g, ' __ip__ '],
  [/\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi, ' __ip__ '],
  // Hashes, request IDs, container IDs: random hex of 16+ chars carries no topic.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/gi, ' __hex__ '],
];

const STOPWORDS = new Set([
  // English
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'is', 'are', 'was',
  'were', 'be', 'been', 'am', 'it', 'its', 'this', 'that', 'these', 'those', 'i', 'we', 'you', 'he', 'she',
  'they', 'me', 'us', 'my', 'our', 'your', 'as', 'so', 'if', 'do', 'does', 'did', 'have', 'has', 'had', 'there',
  'here', 'then', 'than', 'just', 'also', 'very', 'hi', 'hello', 'dear', 'thanks', 'thank', 'regards', 'please',
  // Russian
  'и', 'в', 'во', 'на', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'от', 'до', 'из', 'у', 'за', 'для', 'а', 'но',
  'же', 'ли', 'бы', 'то', 'это', 'этот', 'эта', 'эти', 'я', 'мы', 'вы', 'он', 'она', 'они', 'мне', 'нам', 'вас',
  'нас', 'наш', 'наша', 'наши', 'ваш', 'что', 'как', 'так', 'уже', 'еще', 'там', 'тут', 'при', 'или',
  'здравствуйте', 'добрый', 'день', 'привет', 'спасибо', 'пожалуйста', 'уважением',
]);

const WORD = /[\p{L}\p{N}_]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** HTTP-ish codes and ports are kept; long numbers are identifiers or timestamps. */
function numberTerm(word: string): string | undefined {
  if (word.length <= 2) return undefined;
  if (word.length <= 5) return word;
  return '__num__';
}

/**
 * Words written as identifiers (ECONNREFUSED, CrashLoopBackOff, node_exporter, x509) are matched
 * verbatim: stemming "CrashLoopBackOff" into something else would only lose the signal.
 */
function isTechnical(raw: string): boolean {
  if (raw.includes('_')) return true;
  if (/\d/.test(raw)) return true;
  // errno-style codes (ECONNREFUSED, ENOSPC); other all-caps words are just shouting.
  if (/^E[A-Z]{4,}$/.test(raw)) return true;
  // Inner capital: camelCase/PascalCase identifiers.
  return raw.length > 3 && UPPER.test(raw.slice(1)) && LOWER.test(raw);
}

export function normalizeText(text: string): string {
  let s = text;
  for (const [re, rep] of PLACEHOLDERS) s = s.replace(re, rep);
  return s;
}

export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const stem = options.stem ?? 'ru';
  const dropStop = options.dropStopwords ?? true;
  const out: Token[] = [];
  const normalized = normalizeText(text);
  for (const match of normalized.matchAll(WORD)) {
    const raw = match[0];
    const lower = raw.toLowerCase().replace(/ё/g, 'е');
    if (lower.startsWith('__') && lower.endsWith('__') && lower.length > 4) {
      out.push({ term: lower, surface: lower });
      continue;
    }
    if (/^\d+$/.test(lower)) {
      const t = numberTerm(lower);
      if (t) out.push({ term: t, surface: t });
      continue;
    }
    if (dropStop && STOPWORDS.has(lower)) continue;
    if (lower.length === 1) continue;
    let term = lower;
    if (stem !== 'none' && !isTechnical(raw)) {
      if (CYRILLIC.test(lower)) term = LATIN.test(lower) ? lower : stemRussian(lower);
      else if (stem === 'all' && LATIN.test(lower)) term = stemEnglish(lower);
    }
    out.push({ term, surface: lower });
  }
  return out;
}

/** Character n-grams of each word padded with spaces (sklearn's `char_wb`), robust to typos. */
export function charNgrams(words: readonly string[], min = 3, max = 5): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.startsWith('__')) continue;
    const padded = ` ${w} `;
    for (let n = min; n <= max; n++) {
      if (padded.length < n) break;
      for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    }
  }
  return out;
}
