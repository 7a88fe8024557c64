import { useApiGet } from './hooks.js';
import type { Installation } from './records.js';
import { useSession } from './session.js';

/**
 * Installation names by id, for tables that record only the id. Roles that may not list
 * installations (auditors, host governments) see the id.
 */
export function useInstallationName(): (id: string | null) => string {
  const { me } = useSession();
  const listed = me.role === 'exporter' || me.role === 'regulator';
  const loaded = useApiGet<{ installations: Installation[] }>(listed ? '/v1/installations' : null);
  const names = new Map((loaded.data?.installations ?? []).map((i) => [i.id, `${i.name} (${i.country})`]));
  return (id) => (id === null ? '—' : (names.get(id) ?? id));
}
