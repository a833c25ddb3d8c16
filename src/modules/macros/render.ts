import { placeholders } from './schemas.js';
import { invalidField } from './errors.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const known = new Set<string>(placeholders);

/** Rejects a template naming anything but the known placeholders (400 naming the field). */
export function assertTemplate(body: string, field: string): void {
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!known.has(name)) throw invalidField(field, `unknown placeholder {{${name}}}; use ${placeholders.map((p) => `{{${p}}}`).join(', ')}`);
  }
}

export type PlaceholderValues = Record<(typeof placeholders)[number], string>;

export const renderTemplate = (body: string, values: PlaceholderValues) => body.replace(PLACEHOLDER, (whole, name: string) => (known.has(name) ? values[name as keyof PlaceholderValues] : whole));
