import { useApiGet } from './hooks.js';

interface OrganizationList {
  organizations: { id: string; name: string; role: string; country: string | null }[];
}

/**
 * Organization names for ids shown on a page (GET /v1/organizations: the regulator and auditors
 * get every organization, others their own). An id without a known name is shown as the id.
 */
export function useOrganizationNames(): (id: string) => string | undefined {
  const { data } = useApiGet<OrganizationList>('/v1/organizations');
  const names = new Map((data?.organizations ?? []).map((o) => [o.id, o.name]));
  return (id) => names.get(id);
}

/** An organization by name, with its id beside it for reference. */
export function OrganizationName({ id, name }: { id: string; name: string | undefined }) {
  return name ? (
    <>
      {name} <code className="muted">{id}</code>
    </>
  ) : (
    <code>{id}</code>
  );
}
