import { d, type IsoDate } from '../domain/dates.js';

/**
 * The chip catalog: every id of spec/frameworks.md §1, with the source of each figure.
 * TPP is the vendor-declared value where the vendor publishes one (NVIDIA's ECCN table);
 * otherwise it is computed as 2 × MacTOPS × bit length = dense TOPS × bit length
 * (15 CFR 774 Supp. 1, 3A090 technical note). Die area is the logic die only (no HBM);
 * null where no public figure exists — classification then never depends on it, because
 * those chips are ≥ 4800 TPP.
 */
export interface CatalogChip {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly tpp: number;
  readonly dieAreaMm2: number | null;
  readonly memoryBandwidthGBs: number;
  readonly datacenter: boolean;
  readonly source: string;
  /**
   * A date by which the chip was commercially available in the United States (91 FR 1684 admits
   * only chips available when it was published, 2026-01-15); the catalog states the fact for
   * that date, not the launch day.
   */
  readonly usCommerciallyAvailableSince: IsoDate;
  readonly usCommerciallyAvailableSource: string;
}

/**
 * Every chip of the catalog was on sale in the United States when 91 FR 1684 was published
 * (spec/frameworks.md §1; vendors' U.S. product pages and NVIDIA's ECCN table of 2026-07).
 */
const US_AVAILABLE_BY = d('2026-01-15');
const US_AVAILABLE_SOURCE =
  'spec/frameworks.md §1 (2026-12): every catalog chip was commercially available in the U.S. on 2026-01-15 (91 FR 1684)';

const NVIDIA_ECCN =
  'NVIDIA export regulations ECCN table, nvidia.com/en-us/about-nvidia/company-policies/export-regulations/ (vendor TPP)';
const COMPUTED = 'computed: dense TOPS × bit length (research/regulatory-facts.md, chip table)';

export const CHIP_CATALOG: readonly CatalogChip[] = [
  chip('nvidia-h100-sxm', 'NVIDIA H100 SXM', 'NVIDIA', 15840, 814, 3350, true, NVIDIA_ECCN),
  chip('nvidia-h100-pcie', 'NVIDIA H100 PCIe', 'NVIDIA', 12224, 814, 2000, true, NVIDIA_ECCN),
  chip('nvidia-h200-sxm', 'NVIDIA H200 SXM', 'NVIDIA', 15840, 814, 4800, true, NVIDIA_ECCN),
  chip('nvidia-h200-nvl', 'NVIDIA H200 NVL', 'NVIDIA', 14144, 814, 4800, true, NVIDIA_ECCN),
  chip('nvidia-h20', 'NVIDIA H20', 'NVIDIA', 2368, 814, 4000, true, `${COMPUTED}: 296 TFLOPS FP8 × 8`),
  chip('nvidia-a100-sxm-80gb', 'NVIDIA A100 SXM 80GB', 'NVIDIA', 4989, 826, 2039, true, NVIDIA_ECCN),
  chip('nvidia-b200', 'NVIDIA B200', 'NVIDIA', 37248, null, 8000, true, NVIDIA_ECCN),
  chip('nvidia-gb200', 'NVIDIA GB200 (per GPU)', 'NVIDIA', 40200, null, 8000, true, NVIDIA_ECCN),
  chip('nvidia-b300', 'NVIDIA B300', 'NVIDIA', 55432, null, 8000, true, NVIDIA_ECCN),
  chip('nvidia-gb300', 'NVIDIA GB300 (per GPU)', 'NVIDIA', 58484, null, 8000, true, NVIDIA_ECCN),
  chip(
    'amd-mi300x',
    'AMD Instinct MI300X',
    'AMD',
    20919,
    null,
    5300,
    true,
    `${COMPUTED}: 2,614.9 TFLOPS FP8 × 8`,
  ),
  chip(
    'amd-mi325x',
    'AMD Instinct MI325X',
    'AMD',
    20919,
    null,
    6000,
    true,
    `${COMPUTED}: 2,614.9 TFLOPS FP8 × 8`,
  ),
  // Sources disagree on the MI355X: 40,266 counting FP8, 60,398 if FP6 counts; FP8 is used,
  // as spec/frameworks.md §1 lists.
  chip('amd-mi355x', 'AMD Instinct MI355X', 'AMD', 40266, null, 8000, true, `${COMPUTED}: FP8 dense × 8`),
  chip(
    'intel-gaudi-3',
    'Intel Gaudi 3',
    'Intel',
    29360,
    null,
    3700,
    true,
    `${COMPUTED}: 1,835 TFLOPS BF16 × 16`,
  ),
  chip('nvidia-l40s', 'NVIDIA L40S', 'NVIDIA', 5872, 609, 864, true, NVIDIA_ECCN),
  chip('nvidia-l4', 'NVIDIA L4', 'NVIDIA', 1952, 294, 300, true, NVIDIA_ECCN),
  chip('nvidia-rtx-5090', 'NVIDIA GeForce RTX 5090', 'NVIDIA', 6720, 750, 1792, false, NVIDIA_ECCN),
];

function chip(
  id: string,
  name: string,
  vendor: string,
  tpp: number,
  dieAreaMm2: number | null,
  memoryBandwidthGBs: number,
  datacenter: boolean,
  source: string,
): CatalogChip {
  return {
    id,
    name,
    vendor,
    tpp,
    dieAreaMm2,
    memoryBandwidthGBs,
    datacenter,
    source,
    usCommerciallyAvailableSince: US_AVAILABLE_BY,
    usCommerciallyAvailableSource: US_AVAILABLE_SOURCE,
  };
}

const byId = new Map(CHIP_CATALOG.map((c) => [c.id, c]));

export function catalogChip(id: string): CatalogChip | undefined {
  return byId.get(id);
}

export function catalogIds(): string[] {
  return CHIP_CATALOG.map((c) => c.id);
}
