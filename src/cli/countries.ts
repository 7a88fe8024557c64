import { COUNTRIES, resolveCountry } from '../data/countries.js';
import { d5MembershipOn, rulesCountry } from '../data/country-groups.js';
import { dayNumber, parseIsoDate } from '../domain/dates.js';
import { registry } from '../frameworks/registry.js';
import { readingOn } from '../rules/parameters.js';
import { c } from './format.js';
import type { Output } from './io.js';

export interface CountryRow {
  code: string;
  name: string;
  tier: 1 | 2 | 3;
  d5: boolean;
  d5Source: string | null;
  treatedAs: string | null;
}

/** A country's AI Diffusion tier on a date (spec/frameworks.md §2). */
export function countryRow(code: string, date: string): CountryRow {
  const day = dayNumber(date);
  const diffusion = registry.get('us-ai-diffusion-2025');
  const tier1 = readingOn(diffusion.parameters.get('tiers.tier1')!, day).value as string[];
  const additional = readingOn(diffusion.parameters.get('tiers.tier3Additional')!, day).value as string[];
  const ruled = rulesCountry(code);
  const membership = d5MembershipOn(ruled, day);
  const tier = membership || additional.includes(ruled) ? 3 : tier1.includes(code) ? 1 : 2;
  const name = COUNTRIES.find((x) => x.code === code)?.name ?? code;
  return {
    code,
    name,
    tier,
    d5: Boolean(membership),
    d5Source: membership?.source ?? null,
    treatedAs: ruled === code ? null : ruled,
  };
}

export function runCountries(
  query: string | undefined,
  options: { asOf?: string; json?: boolean },
  io: Output,
): void {
  // A listing, not a determination: without --as-of it shows today's groups, and says so.
  const date = parseIsoDate(options.asOf ?? new Date().toISOString().slice(0, 10), ['--as-of']);
  const codes = query ? [resolveCountry(query, ['country'])] : COUNTRIES.map((x) => x.code);
  const rows = codes.map((code) => countryRow(code, date));
  if (options.json) {
    io.out(JSON.stringify({ asOf: date, countries: rows }, null, 2));
    return;
  }
  io.out(c.dim(`AI Diffusion tiers and Country Group D:5 as of ${date}`));
  for (const r of rows) {
    const tier = r.tier === 1 ? c.green('Tier 1') : r.tier === 3 ? c.red('Tier 3') : c.yellow('Tier 2');
    const extra = [
      r.d5 ? `D:5 (${r.d5Source})` : null,
      r.treatedAs ? `treated as ${r.treatedAs}` : null,
    ].filter(Boolean);
    io.out(`${r.code}  ${tier}  ${r.name}${extra.length ? c.dim(`  ${extra.join('; ')}`) : ''}`);
  }
}
