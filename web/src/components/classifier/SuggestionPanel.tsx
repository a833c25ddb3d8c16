import type { Ticket } from '../../types';

/** Classifier suggestion for a request (placeholder until the classifier panel lands). */
export function SuggestionPanel(_props: { ticket: Ticket; onChanged: () => void }) {
  return null;
}
