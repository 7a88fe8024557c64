import { z } from 'zod';
import { catalogChip, catalogIds } from '../data/chips.js';
import { resolveCountry } from '../data/countries.js';
import { type IsoDate, parseIsoDate } from './dates.js';
import { type FieldPath, InputError, type InputIssue } from './errors.js';
import { amount, LIMITS, positiveAmount, positiveCount, text } from './limits.js';
import { parseWith, suggestion } from './zod-issues.js';

/**
 * The export request of spec/contracts.md: one Zod schema shared by the CLI, the API and the
 * docs. Objects are strict, so a misspelt field is an error, never silently ignored.
 */
/**
 * A check that throws our InputError, as a Zod refinement: the schema itself refuses a bad date or
 * country, so every door that validates with it (CLI, API body, jobs) reports every problem at once.
 */
function refineWith(check: (value: string) => unknown) {
  return (value: string, ctx: z.core.$RefinementCtx<string>) => {
    try {
      check(value);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, params: { code: issue.code } });
      }
    }
  };
}
// Bounded (src/domain/limits.ts): text without NUL or lone surrogates, finite sane numbers.
const country = text(LIMITS.nameChars).superRefine(refineWith((v) => resolveCountry(v, [])));
const isoDate = text(LIMITS.idChars).superRefine(refineWith((v) => parseIsoDate(v, [])));
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
  /**
   * Since when the chip has been commercially available in the United States (ISO date; added
   * 2026-12): 91 FR 1684's lane covers only chips available when the rule was published.
   */
  usCommerciallyAvailableSince: isoDate.optional(),
});

/** The 4E091 exclusions (ECCN 4E091, Notes 1 and 2) a request may assert; added 2026-12. */
export const MODEL_WEIGHTS_EXCLUSIONS = ['derived-from-published', 'below-published-frontier'] as const;

export const ModelWeightsSchema = z.strictObject({
  name,
  trainingOps: amount(LIMITS.trainingOps),
  published: z.boolean().default(false),
  exclusion: z.enum(MODEL_WEIGHTS_EXCLUSIONS).optional(),
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
  /** Where the party is headquartered, and its ultimate parent (added 2026-12). */
  headquarters: country.optional(),
  ultimateParent: country.optional(),
});

/** export | reexport | transfer (in-country), spec/contracts.md (added 2026-12). */
export const TRANSACTION_TYPES = ['export', 'reexport', 'transfer'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

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
  date: isoDate.optional(),
  destination: country,
  /** export | reexport | transfer (in-country); default export (added 2026-12). */
  transaction: z.enum(TRANSACTION_TYPES).default('export'),
  /** Where the items ship from; default US (added 2026-12). */
  origin: country.default('US'),
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
export interface ExportRequest extends Omit<Parsed, 'date' | 'installation' | 'items'> {
  readonly date: IsoDate;
  readonly items: readonly RequestItem[];
  readonly installation: { readonly id: string | null; readonly existingChips: number };
}
type ParsedItem = Parsed['items'][number];
/** An item after validation: a custom chip's U.S.-availability date checked. */
export type RequestItem = Omit<ParsedItem, 'customChip'> & {
  readonly customChip?: Omit<NonNullable<ParsedItem['customChip']>, 'usCommerciallyAvailableSince'> & {
    readonly usCommerciallyAvailableSince?: IsoDate;
  };
};
export type Party = Parsed['parties'][number];
export type EndUser = Parsed['endUser'];
export type Assurances = Parsed['assurances'];
export type History = Parsed['history'];

/**
 * Validates and normalizes a request. `asOf` (the CLI's --as-of) overrides the request date;
 * a request with neither is an error — the date is never taken from the clock silently.
 */
export function parseExportRequest(input: unknown, options: { asOf?: string } = {}): ExportRequest {
  const value = parseWith(ExportRequestSchema, input);
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
  const origin = attempt(() => resolveCountry(value.origin, ['origin']));
  // Parties and the end user in one fixed shape (every key, in one order, absent ones undefined):
  // the rules read them for every item, and one shape keeps those reads fast.
  const parties = value.parties.map((party, i) => ({
    role: party.role,
    name: party.name,
    country: optionalCountry(party.country, ['parties', i, 'country']),
    headquarters: optionalCountry(party.headquarters, ['parties', i, 'headquarters']),
    ultimateParent: optionalCountry(party.ultimateParent, ['parties', i, 'ultimateParent']),
  }));
  const items = value.items.map((item, i) => {
    const since = item.customChip?.usCommerciallyAvailableSince;
    if (since === undefined || !item.customChip) return item as RequestItem;
    const checked = attempt(() =>
      parseIsoDate(since, ['items', i, 'customChip', 'usCommerciallyAvailableSince']),
    );
    return {
      ...item,
      customChip: { ...item.customChip, usCommerciallyAvailableSince: checked },
    } as RequestItem;
  });
  const endUser = {
    name: value.endUser.name,
    country: optionalCountry(value.endUser.country, ['endUser', 'country']),
    headquarters: optionalCountry(value.endUser.headquarters, ['endUser', 'headquarters']),
    ultimateParent: optionalCountry(value.endUser.ultimateParent, ['endUser', 'ultimateParent']),
    veu: value.endUser.veu,
  };
  if (issues.length > 0) throw new InputError(issues);
  return {
    ...value,
    date: date!,
    destination: destination!,
    origin: origin!,
    items,
    endUser,
    parties,
    installation: {
      id: value.installation?.id ?? null,
      existingChips: value.installation?.existingChips ?? 0,
    },
  };
}

/** Kept here for the modules that import it from the request. */
export { suggestion } from './zod-issues.js';
