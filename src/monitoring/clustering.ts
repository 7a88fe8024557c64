/**
 * Anti-clustering (issue item 4; ../shared/research/chip-monitoring.md, "Anti-clustering").
 *
 * A cluster is a connected component of high-bandwidth links. A link counts when both ends report
 * it (A names B as the peer of one of its ports and B names A); a link only one end reports, and an
 * active port whose peer is unknown ("opaque"), are flagged, because the dangerous failure is
 * omission: a reported link can only make a cluster look bigger.
 *
 * Components are kept by incremental union-find as reports arrive. Union-find cannot delete, so
 * links that stop being reported are handled by the periodic `rebuild()`, which recomputes the
 * components from the links both ends reported in the last two periods. A union that pushes a
 * component past its licensed limit only makes a candidate; the alert is raised by the rebuild that
 * confirms it, with its evidence (which check-ins, which links).
 *
 * The limit of a component is the strictest limit among the licenses of its devices: linking chips
 * across two licenses must not let either license's cluster grow past its own limit.
 *
 * Memory: 21 bytes per device (parent, component limit, device limit, last check-in sequence, flags)
 * plus ~11 bytes per link (link-table.ts).
 */
import type { DeviceDirectory, LicenseTerms } from './enrollment.js';
import {
  bothEndsReported,
  EMPTY,
  HIGH_PREVIOUS,
  kindOf,
  LinkTable,
  LOW_PREVIOUS,
  MAX_DEVICE_INDEX,
  PAIR_BASE,
} from './link-table.js';
import { LINK_KINDS, type LinkKind, type LinkObservation, SCALE_OUT_KINDS } from './protocol.js';
import { UnionFind } from './union-find.js';

export type LinkFinding =
  | {
      readonly type: 'opaque-port';
      readonly deviceId: string;
      readonly localPort: number;
      readonly kind: LinkKind;
      readonly sequence: number;
    }
  | {
      readonly type: 'unknown-peer';
      readonly deviceId: string;
      readonly peerDeviceId: string;
      readonly localPort: number;
      readonly sequence: number;
    }
  | {
      readonly type: 'one-sided-link';
      readonly reporter: string;
      readonly peer: string;
      readonly kind: LinkKind;
    };

export interface CheckInRef {
  readonly deviceId: string;
  readonly sequence: number;
}

export interface ClusterAlert {
  /** The license whose limit the component exceeds (the strictest one in the component). */
  readonly licenseId: string;
  readonly componentSize: number;
  readonly limit: number;
  /** A sample of the component's devices. */
  readonly devices: readonly string[];
  /** Every license with devices in the component. */
  readonly licenses: readonly string[];
  readonly evidence: {
    /** The latest check-in of each sampled device: each one reports that device's links. */
    readonly checkIns: readonly CheckInRef[];
    /** Links of the component that both ends reported (a sample, up to `evidenceLimit`). */
    readonly links: readonly { readonly a: CheckInRef; readonly b: CheckInRef; readonly kind: LinkKind }[];
    /** False when the samples above were cut at `evidenceLimit`. */
    readonly complete: boolean;
  };
  /** The component's root index: valid until the next rebuild (`componentOf`). */
  readonly componentId: number;
}

export interface RebuildResult {
  /** Components over their limit, confirmed by this rebuild. */
  readonly alerts: readonly ClusterAlert[];
  /** Links one end has reported for a full period with no report from the other end. */
  readonly oneSided: readonly LinkFinding[];
  /** Candidates from incremental unions that this rebuild did not confirm (their links lapsed). */
  readonly unconfirmedCandidates: number;
  readonly components: number;
  readonly largestComponent: number;
  readonly links: number;
}

export interface ClusterDetectorOptions {
  /** Dense device indices expected (grows on demand). */
  readonly capacity?: number;
  readonly expectedLinks?: number;
  /** License terms of the device at `index`; undefined for an unknown device. */
  readonly licenseOf: (index: number) => LicenseTerms | undefined;
  readonly deviceIdOf: (index: number) => string;
  readonly indexOf: (deviceId: string) => number | undefined;
  /** Devices, links and check-ins listed per alert; default 50. */
  readonly evidenceLimit?: number;
}

const NO_LIMIT = 2 ** 31 - 1;
const OBSERVED = 1;
const COUNTS_SCALE_OUT = 2;
// LINK_KINDS lists the scale-up fabrics first.
const FIRST_SCALE_OUT = Math.min(...SCALE_OUT_KINDS.map((k) => LINK_KINDS.indexOf(k)));

export class ClusterDetector {
  readonly #options: ClusterDetectorOptions;
  readonly #links: LinkTable;
  readonly #sets: UnionFind;
  #componentLimit: Int32Array; // per root: the strictest device limit in the component
  #deviceLimit: Int32Array;
  #lastSequence: Float64Array;
  #deviceFlags: Uint8Array;
  readonly #candidates = new Set<number>();

  constructor(options: ClusterDetectorOptions) {
    this.#options = options;
    const capacity = Math.max(16, options.capacity ?? 1024);
    this.#links = new LinkTable(options.expectedLinks ?? capacity * 4);
    this.#sets = new UnionFind(capacity);
    this.#componentLimit = new Int32Array(capacity).fill(NO_LIMIT);
    this.#deviceLimit = new Int32Array(capacity).fill(NO_LIMIT);
    this.#lastSequence = new Float64Array(capacity).fill(-1);
    this.#deviceFlags = new Uint8Array(capacity);
  }

  /**
   * Takes the link observations of an accepted check-in. Returns opaque ports and ports whose peer is
   * not an enrolled device; links both ends have now reported join their components.
   */
  observe(deviceIndex: number, sequence: number, links: readonly LinkObservation[]): LinkFinding[] {
    this.registerDevice(deviceIndex, sequence);
    const deviceId = this.#options.deviceIdOf(deviceIndex);
    const findings: LinkFinding[] = [];
    for (const link of links) {
      if (link.state !== 'up') continue;
      if (link.peerDeviceId === null) {
        findings.push({
          type: 'opaque-port',
          deviceId,
          localPort: link.localPort,
          kind: link.kind,
          sequence,
        });
        continue;
      }
      const peer = this.#options.indexOf(link.peerDeviceId);
      if (peer === undefined || peer === deviceIndex) {
        findings.push({
          type: 'unknown-peer',
          deviceId,
          peerDeviceId: link.peerDeviceId,
          localPort: link.localPort,
          sequence,
        });
        continue;
      }
      this.reportLink(deviceIndex, peer, LINK_KINDS.indexOf(link.kind));
    }
    return findings;
  }

  /** Records a device's license limit and latest check-in (called by `observe`; bulk loaders call it directly). */
  registerDevice(index: number, sequence: number): void {
    if (index < 0 || index > MAX_DEVICE_INDEX) throw new RangeError(`device index ${index} out of range`);
    this.#ensureCapacity(index + 1);
    this.#lastSequence[index] = sequence;
    if ((this.#deviceFlags[index]! & OBSERVED) === 0) {
      const terms = this.#options.licenseOf(index);
      const limit = terms ? terms.clusterLimit : NO_LIMIT;
      this.#deviceLimit[index] = limit;
      this.#deviceFlags[index] = OBSERVED | (terms?.countsScaleOut ? COUNTS_SCALE_OUT : 0);
      const root = this.#sets.find(index);
      if (limit < this.#componentLimit[root]!) this.#componentLimit[root] = limit;
      this.#checkCandidate(root);
    }
  }

  /** One end's report of a link (kind: index into LINK_KINDS). The incremental path: hash, then union. */
  reportLink(reporter: number, peer: number, kind: number): void {
    this.#ensureCapacity(Math.max(reporter, peer) + 1);
    const flags = this.#links.report(reporter, peer, kind);
    if (bothEndsReported(flags) && this.#counts(reporter, peer, kindOf(flags))) this.#join(reporter, peer);
  }

  /** Components past their limit since the last rebuild, awaiting confirmation. */
  get rebuildDue(): boolean {
    return this.#candidates.size > 0;
  }

  /** The component (root index) a device is in: compare two devices, or match an alert's componentId. */
  componentOf(index: number): number {
    return this.#sets.find(index);
  }

  componentSize(index: number): number {
    return this.#sets.sizeOfRoot(this.#sets.find(index));
  }

  get linkCount(): number {
    return this.#links.size;
  }

  /** Bytes held in typed arrays (per-device state and the link table). */
  get stateBytes(): number {
    return (
      this.#sets.parent.byteLength +
      this.#componentLimit.byteLength +
      this.#deviceLimit.byteLength +
      this.#lastSequence.byteLength +
      this.#deviceFlags.byteLength +
      this.#links.byteLength
    );
  }

  /**
   * Recomputes every component from the links both ends reported in the last two periods, raises
   * the alerts this confirms, flags one-sided links, then starts a new period.
   */
  rebuild(): RebuildResult {
    const sets = this.#sets;
    sets.reset();
    this.#componentLimit.set(this.#deviceLimit);
    const oneSided: LinkFinding[] = [];
    const deviceIdOf = this.#options.deviceIdOf;
    const { keys, flags } = this.#links;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot]!;
      if (key === EMPTY) continue;
      const low = Math.floor(key / PAIR_BASE);
      const high = key - low * PAIR_BASE;
      const f = flags[slot]!;
      if (bothEndsReported(f)) {
        if (this.#counts(low, high, kindOf(f))) this.#join(low, high, false);
        continue;
      }
      // Flag only after a full period without the other end, so check-ins that straddle a rebuild
      // are not mistaken for omissions.
      const kind = LINK_KINDS[kindOf(f)]!;
      if (f & LOW_PREVIOUS)
        oneSided.push({ type: 'one-sided-link', reporter: deviceIdOf(low), peer: deviceIdOf(high), kind });
      else if (f & HIGH_PREVIOUS)
        oneSided.push({ type: 'one-sided-link', reporter: deviceIdOf(high), peer: deviceIdOf(low), kind });
    }
    const overLimit = new Set<number>();
    let components = 0;
    let largestComponent = 0;
    const parent = sets.parent;
    for (let i = 0; i < parent.length; i++) {
      const p = parent[i]!;
      if (p >= 0) continue;
      if (this.#deviceFlags[i]! & OBSERVED || p < -1) components++;
      if (-p > largestComponent) largestComponent = -p;
      if (-p > this.#componentLimit[i]!) overLimit.add(i);
    }
    const alerts = this.#alerts(overLimit);
    let unconfirmedCandidates = 0;
    for (const candidate of this.#candidates)
      if (!overLimit.has(sets.find(candidate))) unconfirmedCandidates++;
    this.#candidates.clear();
    const links = this.#links.size;
    this.#links.age();
    return { alerts, oneSided, unconfirmedCandidates, components, largestComponent, links };
  }

  #counts(a: number, b: number, kind: number): boolean {
    if (kind < FIRST_SCALE_OUT) return true;
    return ((this.#deviceFlags[a]! | this.#deviceFlags[b]!) & COUNTS_SCALE_OUT) !== 0;
  }

  #join(a: number, b: number, incremental = true): void {
    const sets = this.#sets;
    const rootA = sets.find(a);
    const rootB = sets.find(b);
    if (rootA === rootB) return;
    const root = sets.unionRoots(rootA, rootB);
    const limitA = this.#componentLimit[rootA]!;
    const limitB = this.#componentLimit[rootB]!;
    this.#componentLimit[root] = Math.min(limitA, limitB);
    if (incremental) this.#checkCandidate(root);
  }

  #checkCandidate(root: number): void {
    if (this.#sets.sizeOfRoot(root) > this.#componentLimit[root]!) this.#candidates.add(root);
  }

  #alerts(overLimit: ReadonlySet<number>): ClusterAlert[] {
    if (overLimit.size === 0) return [];
    const { deviceIdOf, licenseOf } = this.#options;
    const max = this.#options.evidenceLimit ?? 50;
    const sets = this.#sets;
    const collected = new Map<
      number,
      {
        devices: number[];
        licenses: Set<string>;
        licenseId: string;
        links: [number, number, number][];
        linksOverflow: boolean;
        complete: boolean;
      }
    >();
    for (const root of overLimit)
      collected.set(root, {
        devices: [],
        licenses: new Set(),
        licenseId: '',
        links: [],
        linksOverflow: false,
        complete: true,
      });
    for (let i = 0; i < sets.parent.length; i++) {
      if ((this.#deviceFlags[i]! & OBSERVED) === 0) continue;
      const entry = collected.get(sets.find(i));
      if (!entry) continue;
      const root = sets.find(i);
      const license = licenseOf(i)?.licenseId ?? '(unknown)';
      entry.licenses.add(license);
      if (!entry.licenseId && this.#deviceLimit[i] === this.#componentLimit[root]) entry.licenseId = license;
      if (entry.devices.length < max) entry.devices.push(i);
      else entry.complete = false;
    }
    // Evidence links: stop scanning once every alert has its sample.
    let wanting = collected.size;
    const { keys, flags } = this.#links;
    for (let slot = 0; slot < keys.length && wanting > 0; slot++) {
      const key = keys[slot]!;
      if (key === EMPTY || !bothEndsReported(flags[slot]!)) continue;
      const low = Math.floor(key / PAIR_BASE);
      const high = key - low * PAIR_BASE;
      const kind = kindOf(flags[slot]!);
      if (!this.#counts(low, high, kind)) continue;
      const entry = collected.get(sets.find(low));
      if (!entry || entry.linksOverflow) continue;
      if (entry.links.length < max) entry.links.push([low, high, kind]);
      else {
        // One more link than the sample holds: the sample is not the whole component.
        entry.linksOverflow = true;
        entry.complete = false;
        wanting--;
      }
    }
    const ref = (i: number): CheckInRef => ({ deviceId: deviceIdOf(i), sequence: this.#lastSequence[i]! });
    return [...collected].map(([root, entry]) => ({
      licenseId: entry.licenseId,
      componentSize: sets.sizeOfRoot(root),
      limit: this.#componentLimit[root]!,
      devices: entry.devices.map(deviceIdOf),
      licenses: [...entry.licenses].sort(),
      evidence: {
        checkIns: entry.devices.map(ref),
        links: entry.links.map(([a, b, kind]) => ({ a: ref(a), b: ref(b), kind: LINK_KINDS[kind]! })),
        complete: entry.complete,
      },
      componentId: root,
    }));
  }

  #ensureCapacity(size: number): void {
    const current = this.#sets.capacity;
    if (size <= current) return;
    const capacity = Math.max(size, current * 2);
    this.#sets.grow(capacity);
    this.#componentLimit = growInt32(this.#componentLimit, capacity, NO_LIMIT);
    this.#deviceLimit = growInt32(this.#deviceLimit, capacity, NO_LIMIT);
    const sequences = new Float64Array(capacity).fill(-1);
    sequences.set(this.#lastSequence);
    this.#lastSequence = sequences;
    const flags = new Uint8Array(capacity);
    flags.set(this.#deviceFlags);
    this.#deviceFlags = flags;
  }
}

function growInt32(array: Int32Array, capacity: number, fill: number): Int32Array {
  const out = new Int32Array(capacity).fill(fill);
  out.set(array);
  return out;
}

/** A detector over an enrolled-device directory and the license terms by id. */
export function clusterDetectorFor(
  directory: DeviceDirectory,
  licenses: ReadonlyMap<string, LicenseTerms>,
  options: { expectedLinks?: number; evidenceLimit?: number } = {},
): ClusterDetector {
  return new ClusterDetector({
    capacity: directory.size,
    ...options,
    licenseOf: (index) => {
      const device = directory.at(index);
      return device ? licenses.get(device.licenseId) : undefined;
    },
    deviceIdOf: (index) => directory.at(index)?.deviceId ?? `#${index}`,
    indexOf: (deviceId) => directory.lookup(deviceId)?.index,
  });
}
