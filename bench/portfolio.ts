import { type ChipFigures, classifyChip } from '../src/classify/classify.js';
import { CHIP_CATALOG } from '../src/data/chips.js';
import { COUNTRIES } from '../src/data/countries.js';
import { D5_MEMBERSHIP } from '../src/data/country-groups.js';
import { fromDayNumber } from '../src/domain/dates.js';
import { mulberry32 } from '../src/domain/random.js';
import { type ExportRequest, type ExportRequestInput, parseExportRequest } from '../src/domain/request.js';
import { TIER_1 } from '../src/frameworks/us-ai-diffusion-2025/parameters.js';

/**
 * A seeded portfolio of varied, valid export requests for the engine benchmark: plain objects
 * in the shape of spec/contracts.md, parsed once (outside any timed region). The same seed
 * always gives the same portfolio.
 */

type Rng = () => number;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const chance = (rng: Rng, p: number): boolean => rng() < p;
const intBetween = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Tier 1 of spec/frameworks.md §2 (US included), as the Diffusion parameters state it. */
export const TIER1_CODES: readonly string[] = TIER_1;
/** Every code that is (or was, in the covered dates) Tier 3, plus the codes named beside D:5. */
export const TIER3_CODES: readonly string[] = [
  ...D5_MEMBERSHIP.filter((m) => m.until === null || m.until > '2025-01-13').map((m) => m.code),
  'MO',
  'HK',
];
/** Every other ISO code: Tier 2 throughout 2025–2026. */
export const TIER2_CODES: readonly string[] = COUNTRIES.map((c) => c.code).filter(
  (code) => !TIER1_CODES.includes(code) && !TIER3_CODES.includes(code),
);
const TIER3_OR_KH: readonly string[] = [...TIER3_CODES, 'KH'];
/** Codes whose treatment is special or dated: Macau, Hong Kong, Cambodia (out of D:5 on 2025-11-07, the State list), Cyprus, Nicaragua. */
const EDGE_CODES = ['MO', 'HK', 'KH', 'CY', 'NI'] as const;

const DAY = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const FIRST_DAY = DAY('2025-01-13');
const LAST_DAY = DAY('2026-12-31');
const KH_OUT_DAY = DAY('2025-11-07');

const LPP_LIMIT = 26_900_000;
const COUNTRY_CAP = 790_000_000;
const COUNTRY_CAP_AGREEMENT = 1_580_000_000;

const END_USER_NAMES = [
  'Example DC LLC',
  'Gulf Compute FZ',
  'Nordic AI AB',
  'Société Calcul SAS',
  'Pacific Cloud Pte',
  'Andes Datos SA',
  'Sahara Compute',
  'Tiger Hosting Ltd',
];

const MODEL_OPS = [1e24, 5e25, 9.99e25, 1e26, 1.0000001e26, 2e26, 5e26, 1e27];

/** Quantities 1 … 200,000, log-uniform (so most are small and a few are huge). */
function quantity(rng: Rng): number {
  const q = Math.floor(Math.exp(rng() * Math.log(200_001)));
  return Math.min(200_000, Math.max(1, q));
}

function country(rng: Rng): string {
  const r = rng();
  if (r < 0.06) return 'US';
  if (r < 0.26) return pick(rng, TIER1_CODES);
  if (r < 0.66) return pick(rng, TIER2_CODES);
  if (r < 0.86) return pick(rng, TIER3_CODES);
  return pick(rng, EDGE_CODES);
}

/** A party's country: unset, or a Tier 1 / Tier 2 / Tier 3 code. */
function partyCountry(rng: Rng, pUnset: number): string | undefined {
  if (chance(rng, pUnset)) return undefined;
  const r = rng();
  if (r < 0.5) return pick(rng, TIER1_CODES);
  if (r < 0.88) return pick(rng, TIER2_CODES);
  return pick(rng, TIER3_OR_KH);
}

function date(rng: Rng, destination: string): string {
  // Cambodia: half its requests within a week of its removal from D:5, including the day itself.
  if (destination === 'KH' && chance(rng, 0.5)) return fromDayNumber(KH_OUT_DAY + intBetween(rng, -4, 4));
  return fromDayNumber(intBetween(rng, FIRST_DAY, LAST_DAY));
}

type ItemInput = ExportRequestInput['items'][number];

function chipItem(rng: Rng): { item: ItemInput; figures: ChipFigures } {
  const q = quantity(rng);
  if (chance(rng, 0.8)) {
    const chip = pick(rng, CHIP_CATALOG);
    const item: ItemInput = { chip: chip.id, quantity: q };
    if (chance(rng, 0.3)) item.unitPriceUsd = intBetween(rng, 2_000, 45_000);
    return { item, figures: chip };
  }
  // A custom chip, always with its die area so classification never fails.
  const tpp = pick(rng, [
    intBetween(rng, 800, 1_599),
    intBetween(rng, 1_600, 4_799),
    intBetween(rng, 1_600, 4_799),
    intBetween(rng, 4_800, 60_000),
  ]);
  const dieAreaMm2 = intBetween(rng, 150, 900);
  const datacenter = chance(rng, 0.85);
  // A chip said to be on sale in the U.S. (91 FR 1684's lane) always has its bandwidth: the lane's
  // test needs it.
  const usSince = chance(rng, 0.3) ? pick(rng, ['2025-06-01', '2026-01-15', '2026-01-16']) : undefined;
  const customChip = {
    name: `Custom-${tpp}-${dieAreaMm2}`,
    tpp,
    dieAreaMm2,
    datacenter,
    ...(usSince || chance(rng, 0.5) ? { memoryBandwidthGBs: intBetween(rng, 500, 8_000) } : {}),
    ...(usSince ? { usCommerciallyAvailableSince: usSince } : {}),
  };
  return {
    item: { customChip, quantity: q },
    figures: { name: customChip.name, tpp, dieAreaMm2, datacenter },
  };
}

function weightsItem(rng: Rng): ItemInput {
  return {
    modelWeights: {
      name: pick(rng, ['Atlas', 'Borealis', 'Cirrus', 'Delta']),
      trainingOps: pick(rng, MODEL_OPS),
      published: chance(rng, 0.3),
      ...(chance(rng, 0.1)
        ? { exclusion: pick(rng, ['derived-from-published', 'below-published-frontier'] as const) }
        : {}),
    },
  };
}

/** A prior-usage figure below, exactly at, or above a limit once this request is added. */
function usedBefore(rng: Rng, requestTpp: number, limit: number): number {
  const headroom = limit - requestTpp;
  const r = rng();
  if (r < 0.35) return 0;
  if (r < 0.55) return headroom > 0 ? intBetween(rng, 0, headroom - 1) : 0; // below
  if (r < 0.7) return Math.max(0, headroom); // at (when the request alone fits)
  if (r < 0.85) return Math.max(0, headroom + 1); // one over
  return intBetween(rng, 0, 2 * limit); // anywhere, often well over
}

/** N request inputs in the contract's shape. */
export function generateRequestInputs(n: number, seed = 20250113): ExportRequestInput[] {
  const rng = mulberry32(seed);
  const inputs: ExportRequestInput[] = [];
  for (let i = 0; i < n; i++) {
    const destination = country(rng);
    const r = rng();
    const itemCount = r < 0.8 ? 1 : r < 0.95 ? 2 : intBetween(rng, 3, 4);
    const items: ItemInput[] = [];
    let advancedTpp = 0;
    for (let k = 0; k < itemCount; k++) {
      if (chance(rng, 0.1)) {
        items.push(weightsItem(rng));
        continue;
      }
      const { item, figures } = chipItem(rng);
      if (classifyChip(figures).class === 'advanced') advancedTpp += figures.tpp * (item.quantity ?? 0);
      items.push(item);
    }
    const g2gAgreement = chance(rng, 0.3);
    const headquarters = partyCountry(rng, 0.3);
    const ultimateParent = partyCountry(rng, 0.5);
    const veuRoll = rng();
    // Where the end user is: mostly the ship-to, sometimes elsewhere (a diversion red flag).
    const located = rng();
    const endUserCountry = located < 0.5 ? destination : located < 0.6 ? partyCountry(rng, 0) : undefined;
    const endUser: ExportRequestInput['endUser'] = {
      name: pick(rng, END_USER_NAMES),
      ...(endUserCountry ? { country: endUserCountry } : {}),
      ...(headquarters ? { headquarters } : {}),
      ...(ultimateParent ? { ultimateParent } : {}),
      ...(veuRoll < 0.6 ? {} : { veu: veuRoll < 0.8 ? ('uveu' as const) : ('nveu' as const) }),
    };
    const parties: NonNullable<ExportRequestInput['parties']> = [];
    if (chance(rng, 0.2)) {
      const hqOfConsignee = partyCountry(rng, 0.6);
      parties.push({
        role: 'ultimate-consignee',
        name: pick(rng, END_USER_NAMES),
        country: chance(rng, 0.7) ? destination : (partyCountry(rng, 0) ?? destination),
        ...(hqOfConsignee ? { headquarters: hqOfConsignee } : {}),
      });
    }
    const t = rng();
    const transaction = t < 0.9 ? 'export' : t < 0.95 ? 'reexport' : 'transfer';
    const origin =
      transaction === 'transfer' ? destination : transaction === 'reexport' ? pick(rng, TIER2_CODES) : 'US';
    inputs.push({
      id: `bench-${seed}-${i}`,
      date: date(rng, destination),
      destination,
      transaction,
      origin,
      items,
      endUser,
      parties,
      history: {
        consigneeTppThisYear: usedBefore(rng, advancedTpp, LPP_LIMIT),
        countryAllocationUsedTpp: usedBefore(
          rng,
          advancedTpp,
          g2gAgreement ? COUNTRY_CAP_AGREEMENT : COUNTRY_CAP,
        ),
      },
      assurances: {
        g2gAgreement,
        g2gAssurances: chance(rng, 0.5),
        exporterMonitoring: chance(rng, 0.5),
        antiClusteringSoftware: chance(rng, 0.5),
        securityGuarantee: chance(rng, 0.2),
        siteVisitsAccepted: chance(rng, 0.5),
        usInvestmentUsd: chance(rng, 0.3) ? intBetween(rng, 0, 5e9) : 0,
      },
    });
  }
  return inputs;
}

/** N parsed requests: generated, then validated by `parseExportRequest` once each. */
export function generatePortfolio(n: number, seed = 20250113): ExportRequest[] {
  return generateRequestInputs(n, seed).map((input) => parseExportRequest(input));
}
