import type { Ticket } from '../../types';

/** Similar requests and possible duplicates (placeholder until the similarity panel lands). */
export function SimilarPanel(_props: { ticket: Ticket; onChanged: () => void }) {
  return null;
}
