import { catalogChip } from '../data/chips.js';
import { countryByCode } from '../data/countries.js';
import type { ExportRequest } from '../domain/request.js';
import { authorizeObject, noSuch } from '../ledger/access.js';
import type { LedgerContext } from '../ledger/context.js';
import type { Principal } from '../ledger/principal.js';
import type { RequestScreening } from '../ledger/screening.js';
import type { ItemDetermination, Source } from '../rules/determination.js';
import { readableCitation, sourcesOf } from '../rules/sources.js';

/**
 * A SNAP-R-ready data pack: the blocks of the BIS-748P license application (15 CFR 748,
 * Supplement No. 1, block-by-block instructions) that the ledger can fill, each value with
 * where it comes from, and what the applicant must still supply. BIS offers no public
 * submission API (research/compliance-anchors.md), so the pack is for entering in SNAP-R.
 */
export interface SnaprField {
  block: string;
  field: string;
  value: string | number | null;
  source: string;
}

export interface SnaprItem {
  line: number;
  eccn: string | null;
  modelNumber: string;
  manufacturer: string | null;
  quantity: number;
  units: string;
  unitPriceUsd: number | null;
  totalPriceUsd: number | null;
  technicalDescription: string;
  sources: Record<string, string>;
}

export interface SnaprPack {
  form: 'BIS-748P';
  requestId: string;
  generatedAt: string;
  fields: SnaprField[];
  items: SnaprItem[];
  determination: {
    framework: string;
    outcome: string;
    licensePolicy: string | null;
    explanation: string;
    citations: string[];
    /** The bibliography a reviewer can open (never seed file names). */
    sources: Source[];
  };
  mustSupply: { block: string; field: string; why: string }[];
}

const FORM = '15 CFR 748 Supp. No. 1 (BIS-748P instructions)';
const name = (code: string | null | undefined) => (code ? (countryByCode(code)?.name ?? code) : null);

export async function snaprPack(ctx: LedgerContext, principal: Principal, id: string): Promise<SnaprPack> {
  const row = await ctx.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
  authorizeObject(principal, 'request.read', row, noSuch('request', id));
  const org = await ctx.db
    .selectFrom('organizations')
    .select(['name', 'country'])
    .where('id', '=', row.organization_id)
    .executeTakeFirstOrThrow();
  const request = row.normalized as ExportRequest;
  const det = row.determination as {
    framework: string;
    outcome: string;
    licensePolicy: string | null;
    explanation: string;
    citations: string[];
    asOf: string;
    items: ItemDetermination[];
  };
  const screening = row.screening as RequestScreening | null;
  const fields: SnaprField[] = [];
  const mustSupply: SnaprPack['mustSupply'] = [];
  const put = (block: string, field: string, value: string | number | null | undefined, source: string) => {
    if (value === null || value === undefined || value === '') return;
    fields.push({ block, field, value, source });
  };
  const need = (block: string, field: string, why: string) => mustSupply.push({ block, field, why });

  put('5', 'Type of application', 'Export', `request ${id}: an export request`);
  put('4', 'Date of application (planned export date)', request.date, `request ${id}, date`);
  need('1–3', 'Contact person, telephone, facsimile', 'the ledger keeps no contact details');
  need(
    '6',
    'Documents submitted with the application',
    'chosen by the applicant (e.g. BIS-711, letter of explanation)',
  );

  put('14', 'Applicant', org.name, `organization of request ${id} (the exporter's account)`);
  put('14', 'Applicant country', name(org.country), "organization's country on record");
  need('14', 'Applicant address, telephone, EIN', 'the ledger keeps no addresses or tax numbers');

  const parties = request.parties ?? [];
  const partyBlocks = [
    { role: 'purchaser', block: '16', label: 'Purchaser' },
    { role: 'intermediate-consignee', block: '17', label: 'Intermediate consignee' },
    { role: 'ultimate-consignee', block: '18', label: 'Ultimate consignee' },
  ] as const;
  for (const { role, block, label } of partyBlocks) {
    const party = parties.find((p) => p.role === role);
    if (party) {
      put(block, label, party.name, `request ${id}, parties (${role})`);
      put(block, `${label} country`, name(party.country), `request ${id}, parties (${role})`);
      need(block, `${label} address`, 'the request names the party but not its address');
    } else if (role === 'ultimate-consignee') {
      put(block, label, request.endUser.name, `request ${id}, endUser (no other ultimate consignee named)`);
      put(block, `${label} country`, name(request.destination), `request ${id}, destination`);
      need(block, `${label} address`, 'the request names the consignee but not its address');
    }
  }
  put('19', 'End user', request.endUser.name, `request ${id}, endUser.name`);
  put(
    '19',
    'End user country',
    name(request.endUser.country ?? request.destination),
    `request ${id}, ${request.endUser.country ? 'endUser.country' : 'destination'}`,
  );
  if (request.endUser.headquarters)
    put(
      '19',
      'End user headquarters',
      name(request.endUser.headquarters),
      `request ${id}, endUser.headquarters`,
    );
  need('19', 'End user address', 'the request names the end user but not its address');
  need(
    '21',
    'Specific end use',
    'a narrative of the end use (e.g. the data-center workloads) is not in the request',
  );

  const items: SnaprItem[] = request.items.flatMap((item, index) => {
    if (!item.chip && !item.customChip) return [];
    const d = det.items.find((x) => x.index === index);
    const catalog = item.chip ? catalogChip(item.chip) : undefined;
    const c = d?.classification;
    const quantity = item.quantity ?? 0;
    const unit = item.unitPriceUsd ?? null;
    if (unit === null)
      need('22(g)–(h)', `Item ${index + 1} unit and total price`, 'no unitPriceUsd in the request');
    need('22(d)', `Item ${index + 1} CCATS number`, 'a commodity classification, if BIS has issued one');
    return [
      {
        line: index + 1,
        eccn: c?.eccn ?? null,
        modelNumber: catalog?.name ?? item.customChip?.name ?? item.chip ?? '',
        manufacturer: catalog?.vendor ?? null,
        quantity,
        units: 'each',
        unitPriceUsd: unit,
        totalPriceUsd: unit === null ? null : unit * quantity,
        technicalDescription: c
          ? `integrated circuit, ${c.class}; TPP ${c.tpp}${c.pd !== null ? `, performance density ${c.pd.toFixed(2)}` : ''}; ${c.h100e.toFixed(2)} H100-equivalents each`
          : 'integrated circuit',
        sources: {
          eccn: `determination of request ${id} (classification under 15 CFR 774 Supp. 1, 3A090)`,
          modelNumber: catalog ? `chip catalog: ${catalog.source}` : `request ${id}, customChip`,
          quantity: `request ${id}, items[${index}].quantity`,
          ...(unit !== null ? { unitPriceUsd: `request ${id}, items[${index}].unitPriceUsd` } : {}),
        },
      },
    ];
  });
  const prices = items.map((i) => i.totalPriceUsd);
  if (prices.length && prices.every((p) => p !== null)) {
    put(
      '23',
      'Total application dollar value',
      prices.reduce((a, b) => a! + b!, 0),
      'sum of block 22(h)',
    );
  } else {
    need('23', 'Total application dollar value', 'the prices of every item are needed');
  }
  put(
    '24',
    'Additional information: determination',
    `${det.outcome}${det.licensePolicy ? ` (${det.licensePolicy})` : ''} under ${det.framework} as of ${det.asOf}`,
    `determination of request ${id}`,
  );
  if (screening) {
    put(
      '24',
      'Additional information: restricted-party screening',
      `${screening.parties.length} parties screened against list version ${screening.listVersion} on ${screening.screenedAt}; ${screening.blocking} open hits`,
      `screening of request ${id}`,
    );
  }
  need('25', 'Signature', 'signed in SNAP-R by the applicant');
  return {
    form: 'BIS-748P',
    requestId: id,
    generatedAt: ctx.now().toISOString(),
    fields: fields.map((f) => ({ ...f, source: f.source || FORM })),
    items,
    determination: {
      framework: det.framework,
      outcome: det.outcome,
      licensePolicy: det.licensePolicy,
      explanation: readableCitation(det.explanation),
      citations: det.citations,
      sources: sourcesOf(det),
    },
    mustSupply,
  };
}
