/** Articles suggested to a customer while they type a request (placeholder until deflection lands). */
export function KbSuggestions(_props: { subject: string; description: string; catalogueItemId?: string | null }) {
  return null;
}
