import { createContext, useContext } from 'react';
import { api } from './api';
import type { CatalogueItem, Directory, EscalationReason, LineInfo, Me, TeamInfo } from './types';

export interface SessionState {
  me: Me;
  signOut: () => void;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in screen');
  return s;
}

export const isStaff = (me: Me) => me.kind === 'staff';

// Reference data changes rarely; one fetch per signed-in session is enough.
let directoryPromise: Promise<Directory> | null = null;
let cataloguePromise: Promise<CatalogueItem[]> | null = null;

export function loadDirectory(): Promise<Directory> {
  directoryPromise ??= api.directory().catch((err: unknown) => {
    directoryPromise = null;
    throw err;
  });
  return directoryPromise;
}

export function loadCatalogue(): Promise<CatalogueItem[]> {
  cataloguePromise ??= api
    .catalogue()
    .then((r) => r.items)
    .catch((err: unknown) => {
      cataloguePromise = null;
      throw err;
    });
  return cataloguePromise;
}

export interface Organisation {
  lines: LineInfo[];
  teams: TeamInfo[];
  reasons: EscalationReason[];
}
let organisationPromise: Promise<Organisation> | null = null;

/** Lines (by level), teams with members, and the active escalation reasons: what the line dialogs offer. */
export function loadOrganisation(): Promise<Organisation> {
  organisationPromise ??= Promise.all([api.lines(), api.teams(), api.escalationReasons()])
    .then(([l, tm, r]) => ({
      lines: [...l.items].sort((a, b) => a.level - b.level),
      teams: tm.items.filter((x) => x.active),
      reasons: r.items.filter((x) => x.active).sort((a, b) => a.sort - b.sort),
    }))
    .catch((err: unknown) => {
      organisationPromise = null;
      throw err;
    });
  return organisationPromise;
}

export function forgetReferenceData() {
  directoryPromise = null;
  cataloguePromise = null;
  organisationPromise = null;
}
