/**
 * Words that company names abbreviate or inflect freely — common in the English names of
 * Chinese and Russian firms ("GUANGZHOU HAIGE COMM GRP", "Huawei Tech. Investment") — each
 * mapped to one canonical form. Both the query and the listed names are rewritten, so
 * "Comm Grp" and "Communications Group" compare equal and the match is explained as an
 * abbreviation.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  technology:
    'tech techn techno technol technolog technologies technological technologie tecnologia tecnologias',
  international: 'intl intnl internat internatl intern international internacional internationale',
  group: 'grp groups gruppa grupo groupe gruppe',
  communication: 'comm comms commun commn communications',
  electronics: 'elec elect electr electronic elektronik elektronika electronica',
  science: 'sci scien sciences scientific',
  industry: 'ind inds indus industries industrial industria industrie',
  institute: 'inst instit institutes institut instituto istituto',
  university:
    'univ universities universidad universite universitat universita universitet universiteit universidade universitas',
  development: 'dev devel develop developments',
  engineering: 'eng engg engr',
  manufacturing: 'mfg mfr manuf manufacture manufacturer manufacturers',
  systems: 'sys syst system',
  equipment: 'equip eqpt equipments',
  research: 'res rsch researches',
  cooperative: 'coop cooperatief cooperativa',
  holding: 'hldg hldgs holdings',
  investment: 'invest investments',
  services: 'svc svcs serv service',
  management: 'mgmt mgt',
  national: 'natl',
  association: 'assn assoc',
  department: 'dept',
  trading: 'trdg trade',
  machinery: 'mach mchy',
  information: 'info',
  brothers: 'bros',
  center: 'ctr centre',
  laboratory: 'lab labs laboratories',
  chemical: 'chem chemicals',
  pharmaceutical: 'pharma pharm pharmaceuticals',
  products: 'prod prods product',
  logistics: 'logistic',
  telecommunication: 'telecom telecoms telecommunications',
  instruments: 'instr instrument',
  mechanical: 'mech',
  enterprise: 'enterprises',
  import: 'imp',
  export: 'exp',
};

const CANONICAL = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(ABBREVIATIONS)) {
  CANONICAL.set(canonical, canonical);
  for (const spelling of spellings.split(' ')) CANONICAL.set(spelling, canonical);
}

/** The canonical form of a folded word, or the word itself. */
export function expandAbbreviation(word: string): string {
  return CANONICAL.get(word) ?? word;
}
