import type { TicketStatus } from '../../db/schema.js';

/**
 * The request lifecycle. Staff move requests along these edges; customers only reopen a resolved
 * request (within the reopen period) or rate it, which closes it. Closed is final: a new linked
 * request is created instead.
 */
export const transitions: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending_customer', 'pending_vendor', 'on_hold', 'resolved', 'closed'],
  open: ['pending_customer', 'pending_vendor', 'on_hold', 'resolved'],
  pending_customer: ['open', 'pending_vendor', 'on_hold', 'resolved'],
  pending_vendor: ['open', 'pending_customer', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending_customer', 'pending_vendor', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const activeStatuses: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'on_hold'];

export const canTransition = (from: TicketStatus, to: TicketStatus) => transitions[from].includes(to);
