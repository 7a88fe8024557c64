import { type Api, ApiError } from '../api.js';

/**
 * Country allocations under one framework: TPP used (shipped) and licensed against each
 * country's cap. From GET /v1/allocations?framework=; a server without that endpoint (404)
 * still has the quota pools (GET /v1/quotas), whose country-allocation pools carry the same
 * cap and use for the countries that have one.
 */

export interface CountryAllocation {
  country: string;
  name: string;
  tier: number | string | null;
  capTpp: number | null;
  usedTpp: number;
  licensedTpp: number;
}

export interface Allocations {
  framework: string;
  asOf: string | null;
  countries: CountryAllocation[];
  /** Where the numbers came from, shown under the table. */
  source: 'allocations' | 'quota pools';
}

const COUNTRY_POOL = /^country-allocation:([A-Z]{2})$/;

export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export async function loadAllocations(
  api: Api,
  framework: string,
  signal?: AbortSignal,
): Promise<Allocations> {
  const query = `framework=${encodeURIComponent(framework)}`;
  try {
    const body = await api<Omit<Allocations, 'source'>>(`/v1/allocations?${query}`, { signal });
    return { ...body, source: 'allocations' };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404 && error.path.length === 0)) throw error;
  }
  const { pools } = await api<{
    pools: { framework: string; pool: string; kind: string; limitTpp: number; usedTpp: number }[];
  }>(`/v1/quotas?${query}`, { signal });
  const countries = pools.flatMap((p) => {
    const code = COUNTRY_POOL.exec(p.pool)?.[1];
    return code && p.kind === 'country-allocation'
      ? [
          {
            country: code,
            name: countryName(code),
            tier: null,
            capTpp: p.limitTpp,
            usedTpp: p.usedTpp,
            licensedTpp: p.usedTpp,
          },
        ]
      : [];
  });
  return { framework, asOf: null, countries, source: 'quota pools' };
}

/** Share of the cap used, 0..1 (null: no cap). */
export function shareUsed(c: CountryAllocation): number | null {
  return c.capTpp === null || c.capTpp <= 0 ? null : c.usedTpp / c.capTpp;
}

/** Colour classes of the map, each with its legend text. */
export const SHARE_BANDS: readonly { upTo: number; color: string; label: string }[] = [
  { upTo: 0.25, color: '#cfe0f7', label: 'under 25 % of the cap used' },
  { upTo: 0.5, color: '#8db6ea', label: '25–50 %' },
  { upTo: 0.75, color: '#4a86d6', label: '50–75 %' },
  { upTo: 0.9, color: '#1f4f99', label: '75–90 %' },
  { upTo: Number.POSITIVE_INFINITY, color: '#b42318', label: '90 % or more' },
];
export const NO_CAP_COLOR = '#c9b8e8';
/** AI Diffusion Tier 3 (15 CFR 740.27 groups): no allocation, presumption of denial. */
export const TIER3_COLOR = '#4b5563';

export const isTier3 = (c: CountryAllocation) => c.capTpp === null && String(c.tier) === '3';
/** AI Diffusion Tier 1: no country cap (License Exception AIA). */
export const TIER1_COLOR = '#b7e4c7';
export const isTier1 = (c: CountryAllocation) => c.capTpp === null && String(c.tier) === '1';

export function allocationColor(c: CountryAllocation): string {
  const share = shareUsed(c);
  if (share === null) return isTier3(c) ? TIER3_COLOR : isTier1(c) ? TIER1_COLOR : NO_CAP_COLOR;
  return (SHARE_BANDS.find((b) => share < b.upTo) ?? SHARE_BANDS[SHARE_BANDS.length - 1]!).color;
}

const tpp = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

export function allocationLabel(c: CountryAllocation): string {
  const share = shareUsed(c);
  return share === null
    ? isTier3(c)
      ? `${c.name}: Tier 3, no allocation; ${tpp(c.usedTpp)} TPP used`
      : isTier1(c)
        ? `${c.name}: Tier 1, no cap; ${tpp(c.usedTpp)} TPP used`
        : `${c.name}: ${tpp(c.usedTpp)} TPP used, no cap under this framework`
    : `${c.name}: ${tpp(c.usedTpp)} of ${tpp(c.capTpp ?? 0)} TPP used (${(share * 100).toFixed(1)} %)`;
}
