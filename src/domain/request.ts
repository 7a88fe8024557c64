import { z } from 'zod';
import { catalogChip, catalogIds } from '../data/chips.js';
import { resolveCountry } from '../data/countries.js';
import { type IsoDate, parseIsoDate } from './dates.js';
import { type FieldPath, InputError, type InputIssue } from './errors.js';
import { amount, LIMITS, positiveAmount, positiveCount, text } from './limits.js';

/**
 * The export request of spec/contracts.md: one Zod schema shared by the CLI, the API and the
 * docs. Objects are strict, so a misspelt field is an error, never silently ignored.
 */
// Bounded (src/domain/limits.ts): text without NUL or lone surrogates, finite sane numbers.
const country = text(LIMITS.nameChars);
const name = text(LIMITS.nameChars);
const tppTotal = amount(LIMITS.tppTotal);
const usd = amount(LIMITS.usd);
const positiveInt = positiveCount(LIMITS.quantity);

export const CustomChipSchema = z.strictObject({
  name,
  tpp: positiveAmount(LIMITS.chipTpp),
  dieAreaMm2: positiveAmount(LIMITS.dieAreaMm2).nullable().optional(),
  memoryBandwidthGBs: positiveAmount(LIMITS.memoryBandwidthGBs).nullable().optional(),
  datacenter: z.boolean().default(true),
});

export const ModelWeightsSchema = z.strictObject({
  name,
  trainingOps: amount(LIMITS.trainingOps),
  published: z.boolean().default(false),
});

export const ItemSchema = z
  .strictObject({
    chip: text(LIMITS.idChars).optional(),
    customChip: CustomChipSchema.optional(),
    modelWeights: ModelWeightsSchema.optional(),
    quantity: positiveInt.optional(),
    unitPriceUsd: usd.optional(),
  })
  .superRefine((item, ctx) => {
    const kinds = ['chip', 'customChip', 'modelWeights'].filter(
      (k) => item[k as keyof typeof item] !== undefined,
    );
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? 'each item needs one of "chip", "customChip" or "modelWeights"'
            : `an item describes one thing; it has ${kinds.map((k) => `"${k}"`).join(' and ')}`,
      });
      return;
    }
    if (item.chip !== undefined && !catalogChip(item.chip)) {
      ctx.addIssue({
        code: 'custom',
        path: ['chip'],
        message: `unknown chip id "${item.chip}"${suggestion(item.chip, catalogIds())}; known ids: ${catalogIds().join(', ')}`,
      });
    }
    if (item.modelWeights === undefined && item.quantity === undefined) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'is required for chips' });
    }
  });

export const EndUserSchema = z.strictObject({
  name,
  country: country.optional(),
  headquarters: country.optional(),
  ultimateParent: country.optional(),
  veu: z.enum(['none', 'uveu', 'nveu']).default('none'),
});

export const PARTY_ROLES = ['purchaser', 'intermediate-consignee', 'ultimate-consignee', 'end-user'] as const;

/** The other parties of the transaction (15 CFR 748.5), all screened with the end user. */
export const PartySchema = z.strictObject({
  role: z.enum(PARTY_ROLES),
  name,
  country: country.optional(),
});

/**
 * Confirmed Entity List matches among the parties: filled in by the ledger's screening (a
 * requester's own claims are replaced), read by the `entity-list` rule.
 */
export const ScreeningFactsSchema = z.strictObject({
  entityList: z
    .array(
      z.strictObject({
        entityId: text(LIMITS.idChars),
        name,
        party: name,
        licenseRequirement: text(LIMITS.noteChars, 0).nullable(),
        licensePolicy: text(LIMITS.noteChars, 0).nullable(),
        federalRegisterNotice: text(LIMITS.idChars, 0).nullable().optional(),
      }),
    )
    .max(LIMITS.partiesPerRequest + 1)
    .default([]),
});

export const HistorySchema = z.strictObject({
  consigneeTppThisYear: tppTotal.default(0),
  countryAllocationUsedTpp: tppTotal.default(0),
  /** TPP already drawn against the government-to-government agreement's own cap, if it has one. */
  agreementUsedTpp: tppTotal.default(0),
});

export const AssurancesSchema = z.strictObject({
  g2gAgreement: z.boolean().default(false),
  g2gAssurances: z.boolean().default(false),
  siteVisitsAccepted: z.boolean().default(false),
  securityGuarantee: z.boolean().default(false),
  usInvestmentUsd: usd.default(0),
  exporterMonitoring: z.boolean().default(false),
  antiClusteringSoftware: z.boolean().default(false),
  /** The agreement's own cap in TPP, when it carries one (us-g2g-licensing-2025). */
  g2gAgreementCapTpp: tppTotal.nullable().default(null),
});

export const ExportRequestSchema = z.strictObject({
  id: text(LIMITS.idChars).optional(),
  date: text(LIMITS.idChars).optional(),
  destination: country,
  items: z
    .array(ItemSchema)
    .min(1, 'needs at least one item')
    .max(LIMITS.itemsPerRequest, `at most ${LIMITS.itemsPerRequest} items in one request`),
  endUser: EndUserSchema,
  parties: z
    .array(PartySchema)
    .max(LIMITS.partiesPerRequest, `at most ${LIMITS.partiesPerRequest} parties in one request`)
    .default([]),
  screening: ScreeningFactsSchema.default({ entityList: [] }),
  installation: z
    .strictObject({
      id: text(LIMITS.idChars).nullable().optional(),
      existingChips: z.number().int().nonnegative().max(LIMITS.quantity).default(0),
    })
    .optional(),
  history: HistorySchema.default({
    consigneeTppThisYear: 0,
    countryAllocationUsedTpp: 0,
    agreementUsedTpp: 0,
  }),
  assurances: AssurancesSchema.default({
    g2gAgreement: false,
    g2gAssurances: false,
    siteVisitsAccepted: false,
    securityGuarantee: false,
    usInvestmentUsd: 0,
    exporterMonitoring: false,
    antiClusteringSoftware: false,
    g2gAgreementCapTpp: null,
  }),
});

export type ExportRequestInput = z.input<typeof ExportRequestSchema>;
type Parsed = z.output<typeof ExportRequestSchema>;

/** A request after validation: dates checked, countries as ISO alpha-2 codes, defaults filled. */
export interface ExportRequest extends Omit<Parsed, 'date' | 'installation'> {
  readonly date: IsoDate;
  readonly installation: { readonly id: string | null; readonly existingChips: number };
}
export type RequestItem = Parsed['items'][number];
export type EndUser = Parsed['endUser'];
export type Assurances = Parsed['assurances'];
export type History = Parsed['history'];

/**
 * Validates and normalizes a request. `asOf` (the CLI's --as-of) overrides the request date;
 * a request with neither is an error — the date is never taken from the clock silently.
 */
export function parseExportRequest(input: unknown, options: { asOf?: string } = {}): ExportRequest {
  const parsed = ExportRequestSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new InputError(parsed.error.issues.map(toIssue));
  const value = parsed.data;
  const issues: InputIssue[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof InputError) issues.push(...error.issues);
      else throw error;
      return undefined;
    }
  };
  const rawDate = options.asOf ?? value.date;
  if (rawDate === undefined) {
    issues.push({ code: 'missing_date', path: ['date'], message: 'is required (or give --as-of DATE)' });
  }
  const date =
    rawDate === undefined
      ? undefined
      : attempt(() => parseIsoDate(rawDate, options.asOf ? ['--as-of'] : ['date']));
  const destination = attempt(() => resolveCountry(value.destination, ['destination']));
  const optionalCountry = (text: string | undefined, path: FieldPath) =>
    text === undefined ? undefined : attempt(() => resolveCountry(text, path));
  const parties = value.parties.map((party, i) => ({
    ...party,
    country: optionalCountry(party.country, ['parties', i, 'country']),
  }));
  const endUser = {
    ...value.endUser,
    country: optionalCountry(value.endUser.country, ['endUser', 'country']),
    headquarters: optionalCountry(value.endUser.headquarters, ['endUser', 'headquarters']),
    ultimateParent: optionalCountry(value.endUser.ultimateParent, ['endUser', 'ultimateParent']),
  };
  if (issues.length > 0) throw new InputError(issues);
  return {
    ...value,
    date: date!,
    destination: destination!,
    endUser,
    parties,
    installation: {
      id: value.installation?.id ?? null,
      existingChips: value.installation?.existingChips ?? 0,
    },
  };
}

const KNOWN_FIELDS = [
  ...Object.keys(ExportRequestSchema.shape),
  ...Object.keys(CustomChipSchema.shape),
  ...Object.keys(ModelWeightsSchema.shape),
  ...Object.keys(EndUserSchema.shape),
  ...Object.keys(HistorySchema.shape),
  ...Object.keys(AssurancesSchema.shape),
  'chip',
  'customChip',
  'modelWeights',
  'quantity',
  'unitPriceUsd',
  'existingChips',
];

function toIssue(issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"${suggestion(k, KNOWN_FIELDS)}`);
    return { code: 'unknown_field', path, message: `unknown field ${keys.join(', ')}` };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { code: 'missing_field', path, message: 'is required' };
  }
  return { code: issue.code, path, message: issue.message };
}

/** " (did you mean "quantity"?)" when a known name is within a small edit distance. */
export function suggestion(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
