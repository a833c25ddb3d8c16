/** The bare address of a From value such as 'Support <support@example.com>'. */
export function addressOf(from: string): string {
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  return (m?.[1] ?? from).trim().toLowerCase();
}

/** The domain outgoing Message-IDs are minted under. */
export function domainOf(from: string): string {
  return addressOf(from).split('@')[1] ?? 'tierdesk.localhost';
}
