import { createContext, type ReactNode, useContext } from 'react';
import type { Api, Me } from './api.js';

/** The signed-in user: who they are (role decides what they see) and a client bound to their key. */
export interface Session {
  readonly me: Me;
  readonly api: Api;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

const STORAGE_KEY = 'chipexport.apiKey';

/** The key lives for the browser tab only (sessionStorage), never in a cookie or the URL. */
export const keyStore = {
  get: (): string | null => sessionStorage.getItem(STORAGE_KEY),
  set: (key: string): void => sessionStorage.setItem(STORAGE_KEY, key),
  clear: (): void => sessionStorage.removeItem(STORAGE_KEY),
};
