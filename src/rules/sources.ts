import type { Source } from './determination.js';

/**
 * The bibliography behind citations (spec/contracts.md `sources`): what a reader can open. A
 * citation is a short reference written beside a rule ("15 CFR 740.29 (LPP), 90 FR 4544"); each
 * entry here says which citations refer to it (`cites`) and what the reader should look for.
 *
 * The seeds are press reports and commentaries the project was given as text files; they are
 * cited as the public report they reproduce (publisher, date, title). The file name is kept only
 * as the source's id, since a compliance officer has no seed files. Where the report's own title
 * or address is not in the text, the title says what the report is, in brackets, and the address
 * is null: never an invented link.
 */
export interface BibliographyEntry extends Source {
  /** Matches every citation text that refers to this source. */
  readonly cites: RegExp;
}

const FR = 'Federal Register';
const ECFR = 'Electronic Code of Federal Regulations (eCFR)';

export const BIBLIOGRAPHY: readonly BibliographyEntry[] = [
  {
    id: '90-fr-4544',
    title: 'Framework for Artificial Intelligence Diffusion (interim final rule)',
    publisher: FR,
    date: '2025-01-15',
    url: 'https://www.federalregister.gov/d/2025-00636',
    cites: /90 FR 4544|FR Doc 2025-00636/,
  },
  {
    id: '15-cfr-ear',
    title: 'Export Administration Regulations, 15 CFR parts 730–774 (as of 2026-07-23)',
    publisher: ECFR,
    date: '2026-07-23',
    url: 'https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C',
    cites: /15 CFR|ECCN [0-9][A-E]\d{3}|Supp\. No\. \d+ to part 7\d\d/,
  },
  {
    id: '88-fr-73458',
    title:
      'Implementation of Additional Export Controls: Certain Advanced Computing Items; Supercomputer and Semiconductor End Use',
    publisher: FR,
    date: '2023-10-25',
    url: 'https://www.govinfo.gov/link/fr/88/73458',
    cites: /88 FR 73458/,
  },
  {
    id: '89-fr-23876',
    title:
      'Export Controls on Semiconductor Manufacturing Items and Advanced Computing Items: corrections and clarifications (License Exception NAC split into NAC and ACA)',
    publisher: FR,
    date: '2024-04-04',
    url: 'https://www.govinfo.gov/link/fr/89/23876',
    cites: /89 FR 23876/,
  },
  {
    id: '91-fr-1684',
    title:
      'Revision of the license review policy for advanced computing commodities to China and Macau (H200-class chips; FR Doc 2026-00789)',
    publisher: FR,
    date: '2026-01-15',
    url: 'https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm',
    cites: /91 FR 1684|FR Doc 2026-00789/,
  },
  {
    id: '89-fr-40369',
    title: 'Conforming change: Cyprus no longer in Country Group D:5',
    publisher: FR,
    date: '2024-05-30',
    url: 'https://www.govinfo.gov/link/fr/89/40369',
    cites: /89 FR 40369/,
  },
  {
    id: '88-fr-63016',
    title: 'International Traffic in Arms Regulations: Cyprus (22 CFR 126.1), effective 2023-10-01',
    publisher: FR,
    date: '2023-09-14',
    url: 'https://www.govinfo.gov/link/fr/88/63016',
    cites: /88 FR 63016/,
  },
  {
    id: 'fr-doc-2024-05696',
    title: 'Nicaragua added to Country Group D:5 (FR Doc 2024-05696, effective 2024-03-15)',
    publisher: FR,
    date: '2024-03-15',
    url: 'https://www.federalregister.gov/d/2024-05696',
    cites: /FR Doc 2024-05696|89 FR 18780/,
  },
  {
    id: '22-cfr-126-1',
    title:
      'International Traffic in Arms Regulations, 22 CFR 126.1 (prohibited exports and sales to certain countries)',
    publisher: ECFR,
    date: null,
    url: 'https://www.ecfr.gov/current/title-22/chapter-I/subchapter-M/part-126/section-126.1',
    cites: /22 CFR 126\.1/,
  },
  {
    id: 'state-cambodia-2025-11-07',
    title: 'State Department removes Cambodia from the ITAR 126.1 arms embargo list (effective 2025-11-07)',
    publisher: 'Export Compliance Daily',
    date: '2025-11-07',
    url: null,
    cites: /Cambodia.*2025-11-07|2025-11-07.*Cambodia/,
  },
  {
    id: 'bis-cambodia-2026-02-03',
    title: 'BIS conforms Country Group D:5: Cambodia removed (effective 2026-02-03)',
    publisher: 'Fenwick & West (arms-embargo designations tracker)',
    date: '2026-02-03',
    url: null,
    cites: /Cambodia.*2026-02-03|2026-02-03.*Cambodia/,
  },
  {
    id: '85-fr-83765',
    title: 'Removal of Hong Kong as a separate destination under the EAR',
    publisher: FR,
    date: '2020-12-23',
    url: 'https://www.govinfo.gov/link/fr/85/83765',
    cites: /85 FR 83765|Hong Kong/,
  },
  // Cited by us-ear-enforced (src/frameworks/us-ear-enforced/law.md).
  {
    id: '89-fr-96790',
    title:
      'Foreign-Produced Direct Product Rule Additions, and Refinements to Controls for Advanced Computing and Semiconductor Manufacturing Items (3A090.c, License Exception HBM)',
    publisher: FR,
    date: '2024-12-05',
    url: 'https://www.govinfo.gov/link/fr/89/96790',
    cites: /89 FR 96790/,
  },
  {
    id: '90-fr-47201',
    title:
      'Expansion of End-User Controls To Cover Affiliates of Certain Listed Entities (the Affiliates Rule)',
    publisher: FR,
    date: '2025-09-30',
    url: 'https://www.federalregister.gov/d/2025-19001',
    cites: /90 FR 47201|Affiliates Rule/,
  },
  {
    id: 'bis-2025-05-13',
    title:
      'Department of Commerce announces rescission of the Biden-era Artificial Intelligence Diffusion Rule, strengthens chip-related export controls',
    publisher: 'Bureau of Industry and Security (press release)',
    date: '2025-05-13',
    url: 'https://www.bis.gov/press-release/department-commerce-announces-rescission-biden-era-artificial-intelligence-diffusion-rule-strengthens',
    cites:
      /BIS (press release|non-enforcement)|bis\.gov(?!\/advanced)|2025-05-13 (release|guidance)|diversion guidance/,
  },
  {
    id: 'bis-advanced-compute-resources',
    title: 'Advanced computing resources: the AI Diffusion rule and its compliance dates',
    publisher: 'Bureau of Industry and Security',
    date: null,
    url: 'https://www.bis.gov/advanced-compute-resources',
    cites: /bis\.gov\/advanced-compute-resources|compliance (date|deferred)/,
  },
  {
    id: 'bis-guidance-2026-05-31',
    title: 'Guidance on the license requirements for entities headquartered in Country Group D:5 or Macau',
    publisher: 'Bureau of Industry and Security',
    date: '2026-05-31',
    url: null,
    cites: /BIS guidance (of )?2026-05-31/,
  },
  {
    id: 'gao-b-337935',
    title:
      'Department of Commerce—Applicability of the Congressional Review Act to the non-enforcement of the AI Diffusion rule (B-337935)',
    publisher: 'U.S. Government Accountability Office',
    date: '2026-05-12',
    url: 'https://www.gao.gov/products/b-337935',
    cites: /B-337935/i,
  },
  {
    id: 'csl-2026-07-31',
    title: 'Consolidated Screening List (Entity List entries), as downloaded 2026-07-31',
    publisher: 'International Trade Administration (trade.gov)',
    date: '2026-07-31',
    url: 'https://www.trade.gov/consolidated-screening-list',
    cites: /Consolidated Screening List|CSL/,
  },
  {
    id: 'semianalysis-diffusion-2025',
    title: 'AI Diffusion framework: country allocations in H100-equivalents (analysis)',
    publisher: 'SemiAnalysis',
    date: '2025-01',
    url: null,
    cites: /SemiAnalysis/,
  },
  {
    id: 'nvidia-eccn',
    title: 'Export regulations: ECCN and TPP of NVIDIA products',
    publisher: 'NVIDIA',
    date: '2026-07-31',
    url: 'https://www.nvidia.com/en-us/about-nvidia/company-policies/export-regulations/',
    cites: /NVIDIA export regulations|nvidia\.com/,
  },
  // The seeds, cited as the reports they reproduce.
  {
    id: 'seed 000_af86b0d64553dd15.txt',
    title: "US Proposes 'Investment-for-Chips' Model for Global AI Export Framework",
    publisher: 'News analysis of the Reuters report of 2026-03-05',
    date: '2026-03-05',
    url: null,
    cites: /000_af86b0d64553dd15/,
  },
  {
    id: 'seed 001_d7314c7397f87934.txt',
    title:
      '[Report on the draft AI chip export rule "seen by Reuters": investment in U.S. AI data centers or security guarantees for 200,000 chips or more]',
    publisher: 'Reuters',
    date: '2026-03-05',
    url: null,
    cites: /001_d7314c7397f87934/,
  },
  {
    id: 'seed 002_1f029dfe555180ab.txt',
    title: 'US to Implement Bilateral Licensing Framework for AI Chips (reporting Reuters)',
    publisher: 'AnewZ / Benzinga, reporting Reuters',
    date: '2025-04-29',
    url: 'https://www.benzinga.com/25/04/45090935',
    cites: /002_1f029dfe555180ab/,
  },
  {
    id: 'seed 003_69c65a61de55a417.txt',
    title: 'New US AI-Export Rules',
    publisher: 'Perplexity (Page)',
    date: '2025-01',
    url: null,
    cites: /003_69c65a61de55a417/,
  },
  {
    id: 'seed 004_a6eacdc14308abe1.txt',
    title: 'Navigating the U.S. Framework for Artificial Intelligence Diffusion',
    publisher: 'Andreas Leupold (LinkedIn article)',
    date: '2025-01',
    url: null,
    cites: /004_a6eacdc14308abe1/,
  },
];

const cache = new Map<string, readonly BibliographyEntry[]>();

/** The entries one citation text refers to (memoized: citations are a small closed set). */
export function sourcesOfCitation(citation: string): readonly BibliographyEntry[] {
  let found = cache.get(citation);
  if (found === undefined) {
    found = BIBLIOGRAPHY.filter((entry) => entry.cites.test(citation));
    if (cache.size > 4096) cache.clear();
    cache.set(citation, found);
  }
  return found;
}

/** Bibliographies already built, by their citations (a small closed set of lists recurs). */
const listCache = new Map<string, readonly Source[]>();

/** The bibliography of a list of citations, each source once, in first-cited order (shared, frozen). */
export function sourcesFor(citations: readonly string[]): readonly Source[] {
  const key = citations.join('\u0001');
  let found = listCache.get(key);
  if (found === undefined) {
    found = Object.freeze(buildSources(citations));
    if (listCache.size > 4096) listCache.clear();
    listCache.set(key, found);
  }
  return found;
}

function buildSources(citations: readonly string[]): Source[] {
  const out: Source[] = [];
  const seen = new Set<string>();
  for (const citation of citations) {
    for (const entry of sourcesOfCitation(citation)) {
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(toSource(entry));
    }
  }
  return out;
}

const plain = new Map<string, Source>();
function toSource(entry: BibliographyEntry): Source {
  let source = plain.get(entry.id);
  if (source === undefined) {
    source = Object.freeze({
      id: entry.id,
      title: entry.title,
      publisher: entry.publisher,
      date: entry.date,
      url: entry.url,
    });
    plain.set(entry.id, source);
  }
  return source;
}

/** How a source reads in a list: publisher, title, date and address. */
export function formatSource(source: Source): string {
  return `${source.publisher}, “${source.title}”${source.date ? `, ${source.date}` : ''}${
    source.url ? `, ${source.url}` : ''
  }`;
}

const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/;
const SEED_MENTION = /\bseeds? (\d{3}_[0-9a-f]{16}\.txt(?:(?:,| and|, and) \d{3}_[0-9a-f]{16}\.txt)*)/g;

/** How a seed reads where a citation is shown: the report it reproduces, never its file name. */
function seedAsReport(file: string): string {
  const entry = BIBLIOGRAPHY.find((e) => e.id === `seed ${file}`);
  return entry ? `${entry.publisher}, ${entry.date ?? 'undated'}` : 'a press report';
}

/**
 * A citation as a reader sees it: every "seed …txt" replaced by the public report it reproduces
 * (publisher and date), so no screen or document shows a seed file name (spec/contracts.md).
 */
export function readableCitation(text: string): string {
  if (!SEED_FILE.test(text)) return text;
  return text.replace(SEED_MENTION, (_all, files: string) =>
    (files.match(new RegExp(SEED_FILE.source, 'g')) ?? []).map(seedAsReport).join('; '),
  );
}

/** A determination's bibliography, also for one stored before `sources` existed. */
export function sourcesOf(det: {
  readonly sources?: readonly Source[];
  readonly citations?: readonly string[];
}): Source[] {
  return [...(det.sources ?? sourcesFor(det.citations ?? []))];
}
