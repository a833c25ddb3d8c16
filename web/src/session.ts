import { createContext, useContext } from 'react';
import { api } from './api';
import type { CatalogueItem, Directory, Me } from './types';

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

export function forgetReferenceData() {
  directoryPromise = null;
  cataloguePromise = null;
}
