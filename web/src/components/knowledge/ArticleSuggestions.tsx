import type { Ticket } from '../../types';

/** Knowledge-base articles ranked for a request, for the agent (placeholder). */
export function ArticleSuggestions(_props: { ticket: Ticket; onInsert?: (text: string) => void }) {
  return null;
}
