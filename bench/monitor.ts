import { verify as cryptoVerify } from 'node:crypto';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/domain/random.js';
import { ClusterDetector } from '../src/monitoring/clustering.js';
import { deviceCheckIn } from '../src/monitoring/device.js';
import {
  InMemoryDeviceDirectory,
  type LicenseTerms,
  landmarkRegistry,
} from '../src/monitoring/enrollment.js';
import {
  type CheckIn,
  type LinkObservation,
  parseCheckIn,
  receiptSigningBytes,
} from '../src/monitoring/protocol.js';
import { ed25519KeyPairFromSeed, type KeyPair } from '../src/monitoring/signatures.js';
import { UnionFind } from '../src/monitoring/union-find.js';
import { CheckInVerifier } from '../src/monitoring/verifier.js';

/**
 * `npm run bench:monitor [-- --json --chips 10000000 --links 100000000 --devices 1000 --rounds 3]`
 *
 * 1. Check-in verification on one core — JSON text → parse and validate → signatures, nonce,
 *    sequence, location verdict — against the raw `crypto.verify` Ed25519 rate measured in the
 *    same run, per signature (target ≥ 70 %).
 * 2. Union-find over generated link arrays (target ≥ 5 M edges/s), the incremental link path
 *    (hash table + union) for comparison, and a full rebuild of the cluster detector's link table
 *    (target: 10 M chips, 100 M links in < 60 s), with the detector's memory per chip (≤ 200 B).
 * With --json the last line of stdout is one JSON object.
 */

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    chips: { type: 'string', default: '10000000' },
    links: { type: 'string', default: '100000000' },
    devices: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20260101' },
  },
  allowPositionals: true,
});
const chips = Number(args.chips);
const links = Number(args.links);
const deviceCount = Number(args.devices);
const rounds = Number(args.rounds);
const seed = Number(args.seed);
for (const [name, value] of Object.entries({ chips, links, devices: deviceCount, rounds })) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
}

const log = (line: string) => {
  if (args.json) process.stderr.write(`${line}\n`);
  else console.log(line);
};
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// 1. Check-in verification vs raw crypto.verify
// ---------------------------------------------------------------------------------------------
const RECEIPTS = 3;
const SIGNATURES_PER_CHECKIN = 1 + 2 * RECEIPTS; // device over the check-in; per receipt device + landmark
const T0 = Date.UTC(2026, 0, 1);
const INTERVAL = 3_600_000;
const random = seededRandom(seed);
const seedBytes = () => random.bytes(32);

const landmarkSpecs = [
  { id: 'lm-dallas', lat: 32.7935, lon: -96.7667 },
  { id: 'lm-atlanta', lat: 33.7628, lon: -84.422 },
  { id: 'lm-chicago', lat: 41.8375, lon: -87.6866 },
];
const landmarks = landmarkSpecs.map((spec) => ({ ...spec, key: ed25519KeyPairFromSeed(seedBytes()) }));
const registry = landmarkRegistry(
  landmarks.map((l) => ({
    id: l.id,
    lat: l.lat,
    lon: l.lon,
    operator: 'regulator',
    publicKey: l.key.publicKeySpki,
  })),
);
const directory = new InMemoryDeviceDirectory();
const deviceKeys: KeyPair[] = [];
for (let i = 0; i < deviceCount; i++) {
  const key = ed25519KeyPairFromSeed(seedBytes());
  deviceKeys.push(key);
  directory.enroll(
    {
      deviceId: `gpu-${i}`,
      model: 'nvidia-h100-sxm',
      algorithm: 'ed25519',
      publicKey: key.publicKeySpki,
      licenseId: 'lic-1',
      installation: { id: 'site-dallas', lat: 32.875, lon: -96.77, country: 'US' },
    },
    T0 - INTERVAL,
  );
}
const nonceKey = seedBytes();
let clock = T0;
const newVerifier = () =>
  new CheckInVerifier({
    devices: directory,
    landmarks: registry,
    now: () => clock,
    nonceTtlMs: 60_000,
    intervalMs: INTERVAL,
    processingMinMs: 0.1,
    nonceKey,
  });

log(`signing ${fmt(deviceCount * (rounds + 1))} check-ins (${SIGNATURES_PER_CHECKIN} signatures each) …`);
const issuer = newVerifier();
const honestRtts = [0.26, 16.1, 17.9]; // Dallas site: metro landmark, then Atlanta and Chicago
/** Round 0 warms up; rounds 1 … R are timed. wires[r][i] is device i's check-in text. */
const wires: string[][] = [];
for (let r = 0; r <= rounds; r++) {
  clock = T0 + r * INTERVAL;
  const round: string[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const deviceId = `gpu-${i}`;
    const nonce = issuer.issueNonce(deviceId);
    const assignment = issuer.assignmentOf(deviceId).landmarks.map((l) => l.id);
    const key = deviceKeys[i]!;
    const linkList: LinkObservation[] = Array.from({ length: 9 }, (_, port) => ({
      localPort: port,
      kind: port < 7 ? 'nvswitch' : 'infiniband',
      state: 'up',
      speedGbps: port < 7 ? 900 : 400,
      peerDeviceId: `gpu-${(i + port + 1) % deviceCount}`,
      firstSeen: T0 - 86_400_000,
      lastSeen: clock,
    }));
    const checkIn: CheckIn = deviceCheckIn(key, {
      deviceId,
      sequence: r + 1,
      issuedAt: clock,
      nonce,
      assignment,
      receipts: assignment.map((id, k) => ({
        landmark: landmarks.find((l) => l.id === id)!,
        challenge: seedBytes(),
        samples: [honestRtts[k]! + 0.02, honestRtts[k]!, honestRtts[k]! + 0.01],
      })),
      links: linkList,
    });
    round.push(JSON.stringify(checkIn));
  }
  wires.push(round);
}
const averageBytes = wires.flat().reduce((n, w) => n + w.length, 0) / wires.flat().length;

// Raw Ed25519 verification of a receipt-sized message, the same key reused (the best case).
const sample = JSON.parse(wires[0]![0]!) as CheckIn;
const rawMessage = receiptSigningBytes(sample.receipts[0]!);
const rawSignature = Buffer.from(sample.receipts[0]!.landmarkSignature, 'base64');
const rawKey = landmarks[0]!.key.publicKey;
function rawVerify(count: number): void {
  for (let k = 0; k < count; k++)
    if (!cryptoVerify(null, rawMessage, rawKey, rawSignature)) throw new Error('raw verify');
}

/**
 * Verifies every timed round in chunks of CHUNK check-ins, each chunk preceded by a chunk of raw
 * verifications with the same number of signatures: on a shared machine both see the same load.
 */
const CHUNK = 25;
function verifyRounds(parse: boolean): { checkins: number; raw: number } {
  const verifier = newVerifier();
  const prepared = wires.map((round) => (parse ? round : round.map((w) => parseCheckIn(JSON.parse(w)))));
  const check = (item: string | CheckIn) => {
    const checkIn = typeof item === 'string' ? parseCheckIn(JSON.parse(item)) : item;
    const result = verifier.verify(checkIn);
    if (!result.accepted || result.location?.verdict !== 'PASS')
      throw new Error('check-in not accepted as PASS');
  };
  // Warm-up round (JIT, site memo, border data), not timed.
  clock = T0 + 1000;
  for (const item of prepared[0]!) check(item);
  rawVerify(2000);
  let checkSeconds = 0;
  let rawSeconds = 0;
  for (let r = 1; r <= rounds; r++) {
    clock = T0 + r * INTERVAL + 1000;
    const round = prepared[r]!;
    for (let from = 0; from < round.length; from += CHUNK) {
      const chunk = round.slice(from, from + CHUNK);
      let start = process.hrtime.bigint();
      rawVerify(chunk.length * SIGNATURES_PER_CHECKIN);
      rawSeconds += seconds(start);
      start = process.hrtime.bigint();
      for (const item of chunk) check(item);
      checkSeconds += seconds(start);
    }
  }
  const count = rounds * deviceCount;
  return { checkins: count / checkSeconds, raw: (count * SIGNATURES_PER_CHECKIN) / rawSeconds };
}

log('measuring check-in verification, interleaved with raw crypto.verify …');
const parsedRun = verifyRounds(true);
const preparsedRun = verifyRounds(false);
const checkinsPerSecond = parsedRun.checkins;
const checkinsPreparsed = preparsedRun.checkins;
const rawVerifyPerSecond = parsedRun.raw;
const perSignatureRatio = (checkinsPerSecond * SIGNATURES_PER_CHECKIN) / rawVerifyPerSecond;
const perSignatureRatioPreparsed = (checkinsPreparsed * SIGNATURES_PER_CHECKIN) / preparsedRun.raw;

// ---------------------------------------------------------------------------------------------
// 2. Union-find, the incremental link path, and the full rebuild
// ---------------------------------------------------------------------------------------------
log(`generating ${fmt(chips)} chips and ${fmt(links)} links …`);
// Clusters: one of 200k chips (the largest of 2025), then 64k, 8k and 1k clusters in turn.
const clusterStart = new Int32Array(chips);
const clusterSize = new Int32Array(chips);
const clusterOf = new Int32Array(chips);
const licenses: LicenseTerms[] = [];
{
  const pattern = [65_536, 8_192, 8_192, 1_024, 1_024, 1_024, 1_024];
  let start = 0;
  let c = 0;
  while (start < chips) {
    const size = Math.min(chips - start, c === 0 ? 200_000 : pattern[(c - 1) % pattern.length]!);
    // Every 50th cluster is larger than its license allows, so the rebuild has alerts to confirm.
    licenses.push({
      licenseId: `lic-${c}`,
      clusterLimit: c % 50 === 49 ? Math.max(1, size - 1) : size,
      countsScaleOut: true,
    });
    for (let i = start; i < start + size; i++) {
      clusterStart[i] = start;
      clusterSize[i] = size;
      clusterOf[i] = c;
    }
    start += size;
    c++;
  }
}
const src = new Int32Array(links);
const dst = new Int32Array(links);
{
  // Chip i has links to its next 5 cluster neighbours and to random members of its cluster.
  const perChip = links / chips;
  let k = 0;
  for (let i = 0; i < chips && k < links; i++) {
    const start = clusterStart[i]!;
    const size = clusterSize[i]!;
    for (let j = 0; j < Math.ceil(perChip) && k < links; j++) {
      const offset = j < 5 ? j + 1 : 1 + Math.floor(random.next() * (size - 1));
      const peer = start + ((i - start + offset) % size);
      if (peer === i) continue;
      src[k] = i;
      dst[k] = peer;
      k++;
    }
  }
}

log('union-find over the link arrays …');
const sets = new UnionFind(chips);
let unionStart = process.hrtime.bigint();
for (let k = 0; k < links; k++) sets.union(src[k]!, dst[k]!);
const unionSeconds = seconds(unionStart);
const unionFindEdgesPerSecond = links / unionSeconds;
sets.parent = new Int32Array(0);

log('loading the cluster detector (both ends report every link) …');
const detector = new ClusterDetector({
  capacity: chips,
  expectedLinks: links,
  licenseOf: (i) => licenses[clusterOf[i]!],
  deviceIdOf: (i) => `gpu-${i}`,
  indexOf: (id) => Number(id.slice(4)),
  evidenceLimit: 10,
});
for (let i = 0; i < chips; i++) detector.registerDevice(i, 1);
unionStart = process.hrtime.bigint();
for (let k = 0; k < links; k++) {
  detector.reportLink(src[k]!, dst[k]!, 0);
  detector.reportLink(dst[k]!, src[k]!, 0);
}
const linkEventSeconds = seconds(unionStart);
const linkEventsPerSecond = (2 * links) / linkEventSeconds;
const detectorBytes = detector.stateBytes;

log('full rebuild …');
const rebuildStart = process.hrtime.bigint();
const rebuild = detector.rebuild();
const rebuildSeconds = seconds(rebuildStart);

const verifierBytesPerChip = CheckInVerifier.BYTES_PER_DEVICE;
const detectorBytesPerChip = detectorBytes / chips;
const bytesPerChip = verifierBytesPerChip + detectorBytesPerChip;

const result = {
  checkins_per_s: Math.round(checkinsPerSecond),
  raw_verify_per_s: Math.round(rawVerifyPerSecond),
  signatures_per_checkin: SIGNATURES_PER_CHECKIN,
  union_find_edges_per_s: Math.round(unionFindEdgesPerSecond),
  rebuild_seconds: Math.round(rebuildSeconds * 100) / 100,
  rebuild_chips: chips,
  rebuild_links: rebuild.links,
  bytes_per_chip: Math.round(bytesPerChip * 10) / 10,
  per_signature_vs_raw: Math.round(perSignatureRatio * 1000) / 1000,
  checkins_per_s_preparsed: Math.round(checkinsPreparsed),
  per_signature_vs_raw_preparsed: Math.round(perSignatureRatioPreparsed * 1000) / 1000,
  link_events_per_s: Math.round(linkEventsPerSecond),
  rebuild_alerts: rebuild.alerts.length,
  largest_component: rebuild.largestComponent,
  verifier_bytes_per_chip: verifierBytesPerChip,
  detector_bytes_per_chip: Math.round(detectorBytesPerChip * 10) / 10,
  checkin_bytes: Math.round(averageBytes),
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memory_gb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
log('');
log(`machine: ${result.cpu}, ${result.cores} cores, ${result.memory_gb} GB, Node ${result.node}`);
log(
  `check-ins: ${fmt(checkinsPerSecond)}/s (${fmt(checkinsPreparsed)}/s already parsed), ${SIGNATURES_PER_CHECKIN} signatures and ~${result.checkin_bytes} bytes each, ${fmt(rounds * deviceCount)} timed`,
);
log(`raw crypto.verify Ed25519 (same key, receipt-sized message, interleaved): ${fmt(rawVerifyPerSecond)}/s`);
log(
  `  per signature: ${(perSignatureRatio * 100).toFixed(1)} % of raw (target ≥ 70 %) ${met(perSignatureRatio >= 0.7)}; ` +
    `already parsed: ${(perSignatureRatioPreparsed * 100).toFixed(1)} %`,
);
log(
  `union-find: ${fmt(unionFindEdgesPerSecond)} edges/s over ${fmt(links)} edges in ${unionSeconds.toFixed(1)} s (target ≥ 5,000,000) ${met(unionFindEdgesPerSecond >= 5e6)}`,
);
log(`incremental link reports (hash table + union): ${fmt(linkEventsPerSecond)}/s`);
log(
  `rebuild: ${fmt(chips)} chips, ${fmt(rebuild.links)} links in ${rebuildSeconds.toFixed(1)} s (target < 60 s) ${met(rebuildSeconds < 60)}; ` +
    `${rebuild.alerts.length} alerts confirmed, largest component ${fmt(rebuild.largestComponent)}`,
);
log(
  `memory: ${bytesPerChip.toFixed(1)} bytes per chip = verifier ${verifierBytesPerChip} + detector ${detectorBytesPerChip.toFixed(1)} ` +
    `(${(links / chips).toFixed(0)} links per chip) (target ≤ 200) ${met(bytesPerChip <= 200)}`,
);
if (args.json) console.log(JSON.stringify(result));
