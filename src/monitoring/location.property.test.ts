/**
 * Property tests of the location check (issue: "no PASS that violates the vacuum bound under delay
 * injection and relays"). Seeded, so a failure names its case and re-runs exactly.
 *
 * Each case puts a chip at a true position T and declares a site S, often just across a border from
 * T (exclaves, enclaves, coasts, city pairs that straddle a border). Signals travel at any speed up
 * to c in vacuum — the attacker's best case — over any path at least as long as the great circle,
 * possibly relayed through another point, with any added delay and any processing time at or above
 * the certified minimum. Then:
 *   1. no bound excludes T (the vacuum bound is conservative), and
 *   2. PASS is never given when T is outside the declared country.
 */
import { describe, expect, it } from 'vitest';
import { type Random, seededRandom } from '../domain/random.js';
import { pointInCountry } from './borders.js';
import { InMemoryDeviceDirectory, landmarkRegistry } from './enrollment.js';
import { locate, SPEED_OF_LIGHT_KM_PER_S } from './geo.js';
import { answerChallenge, issueReceipt, receiptNonce, signCheckIn } from './protocol.js';
import { ed25519KeyPairFromSeed } from './signatures.js';
import { destination, greatCircleKm } from './sphere.js';
import { CheckInVerifier } from './verifier.js';

const C_KM_PER_MS = SPEED_OF_LIGHT_KM_PER_S / 1000;
const SEED = 0x5eed_10c8;
const CASES = 3000;

/** Places where a border, a coast, an exclave or an enclave is close: [country, lat, lon, radius km]. */
const ANCHORS: readonly [string, number, number, number][] = [
  ['US', 48.99, -123.06, 40], // Point Roberts and Vancouver
  ['CA', 49.2, -123.0, 40],
  ['US', 42.33, -83.05, 30], // Detroit / Windsor
  ['CA', 42.3, -83.0, 30],
  ['US', 32.7, -117.1, 30], // San Diego / Tijuana
  ['MX', 32.5, -117.0, 30],
  ['US', 32.8, -96.8, 250], // deep inland: PASS is possible here
  ['ES', 35.29, -2.94, 8], // Melilla
  ['MA', 35.17, -2.93, 40],
  ['HK', 22.35, 114.15, 20],
  ['CN', 22.6, 114.05, 40], // Shenzhen
  ['SG', 1.35, 103.82, 15],
  ['MY', 1.55, 103.7, 40], // Johor Bahru
  ['BE', 50.85, 4.35, 80],
  ['NL', 51.45, 4.93, 20], // Baarle
  ['CH', 46.8, 8.2, 100],
  ['LS', -29.6, 28.2, 60],
  ['ZA', -29.3, 27.0, 150], // around Lesotho
  ['FR', 48.86, 2.35, 150],
  ['DE', 50.1, 8.7, 200],
  ['IN', 28.6, 77.2, 300],
  ['AE', 24.5, 54.5, 120],
  ['IL', 31.8, 35.0, 60],
  ['RU', 55.75, 37.6, 300],
  ['RU', 54.7, 20.5, 80], // Kaliningrad
  ['KZ', 45.9, 63.3, 80], // Baikonur
];

function pointNear(random: Random, lat: number, lon: number, radiusKm: number) {
  return destination(lat, lon, random.uniform(0, 360), radiusKm * Math.sqrt(random.next()));
}

function siteIn(random: Random, country: string, lat: number, lon: number, radiusKm: number) {
  for (let tries = 0; tries < 200; tries++) {
    const p = pointNear(random, lat, lon, radiusKm);
    if (pointInCountry(country, p.lat, p.lon)) return p;
  }
  throw new Error(`no point of ${country} near ${lat}, ${lon}`);
}

describe(`location property tests (${CASES} cases, seed 0x${SEED.toString(16)})`, () => {
  it('no bound excludes the true position, and no PASS is given for a chip outside the declared country', () => {
    const random = seededRandom(SEED);
    let passes = 0;
    let outsideCases = 0;
    let outsideNearby = 0;
    for (let n = 0; n < CASES; n++) {
      const [country, aLat, aLon, radius] = random.pick(ANCHORS);
      const site = siteIn(random, country, aLat, aLon, radius);
      // The chip: at the site, a little way off (often across a border), or far away.
      const roll = random.next();
      const truth =
        roll < 0.3
          ? site
          : roll < 0.85
            ? pointNear(random, site.lat, site.lon, random.pick([2, 10, 40, 150]))
            : pointNear(random, ...pickAnchor(random), 50);
      const outside = !pointInCountry(country, truth.lat, truth.lon);
      if (outside) outsideCases++;
      if (outside && greatCircleKm(site.lat, site.lon, truth.lat, truth.lon) < 40) outsideNearby++;

      const processingMinMs = random.pick([0, 0.05, 0.2, 1]);
      const landmarkCount = 1 + random.int(4);
      const landmarks = Array.from({ length: landmarkCount }, (_, k) => {
        const centre = random.pick([site, truth, site, truth, { lat: aLat, lon: aLon }]);
        return {
          id: `lm-${k}`,
          ...pointNear(random, centre.lat, centre.lon, random.pick([0.5, 5, 30, 200])),
        };
      });
      const relay =
        random.next() < 0.3 ? random.pick([site, pointNear(random, site.lat, site.lon, 300)]) : null;
      const measurements = landmarks.flatMap((landmark) =>
        Array.from({ length: 1 + random.int(3) }, () => {
          const direct = greatCircleKm(landmark.lat, landmark.lon, truth.lat, truth.lon);
          const viaRelay = relay
            ? greatCircleKm(landmark.lat, landmark.lon, relay.lat, relay.lon) +
              greatCircleKm(relay.lat, relay.lon, truth.lat, truth.lon)
            : direct;
          const stretch = random.next() < 0.5 ? 1 : random.uniform(1, 2);
          const speed = random.next() < 0.5 ? C_KM_PER_MS : C_KM_PER_MS / random.uniform(1, 1.6);
          const addedDelay = random.next() < 0.5 ? 0 : random.exponential(random.pick([0.01, 0.5, 5]));
          const processing = processingMinMs + (random.next() < 0.5 ? 0 : random.uniform(0, 0.3));
          return {
            landmarkId: landmark.id,
            rttMs: (2 * viaRelay * stretch) / speed + processing + addedDelay,
          };
        }),
      );
      const result = locate({ site: { ...site, country }, landmarks, measurements, processingMinMs });
      const context = () =>
        JSON.stringify({ case: n, country, site, truth, landmarks, measurements, processingMinMs, result });

      for (const bound of result.bounds) {
        const landmark = landmarks.find((l) => l.id === bound.landmarkId)!;
        const distance = greatCircleKm(landmark.lat, landmark.lon, truth.lat, truth.lon);
        if (distance > bound.maxDistanceKm) throw new Error(`bound excludes the true position: ${context()}`);
      }
      if (result.verdict === 'PASS') {
        passes++;
        if (outside) throw new Error(`PASS for a chip outside ${country}: ${context()}`);
      }
    }
    // The property must not hold vacuously.
    expect(passes).toBeGreaterThan(CASES * 0.05);
    expect(outsideCases).toBeGreaterThan(CASES * 0.1);
    expect(outsideNearby).toBeGreaterThan(CASES * 0.03);
  });
});

/**
 * The same world through the whole verifier: the service assigns the 3 nearest of the landmarks
 * around, and the chip (wherever it truly is) answers any subset of them — all, none, only the far
 * ones — with delays and relays as above, in a signed check-in. PASS still never comes for a chip
 * outside its declared country, and never without a receipt from every assigned landmark.
 */
const VERIFIER_CASES = 600;
const LANDMARK_KEYS = Array.from({ length: 8 }, (_, k) =>
  ed25519KeyPairFromSeed(new Uint8Array(32).fill(k + 1)),
);
const DEVICE_KEY = ed25519KeyPairFromSeed(new Uint8Array(32).fill(77));

describe(`check-in property tests (${VERIFIER_CASES} cases through the verifier, seed 0x${SEED.toString(16)})`, () => {
  it('no PASS for a chip outside its country, nor without every assigned receipt, whatever it answers', () => {
    const random = seededRandom(SEED + 1);
    let passes = 0;
    let outsideCases = 0;
    let partial = 0;
    for (let n = 0; n < VERIFIER_CASES; n++) {
      const [country, aLat, aLon, radius] = random.pick(ANCHORS);
      const site = siteIn(random, country, aLat, aLon, radius);
      const roll = random.next();
      const truth =
        roll < 0.4 ? site : pointNear(random, site.lat, site.lon, random.pick([2, 10, 40, 150, 600]));
      const outside = !pointInCountry(country, truth.lat, truth.lon);
      if (outside) outsideCases++;
      const landmarks = Array.from({ length: 2 + random.int(5) }, (_, k) => {
        const centre = random.pick([site, truth, site, { lat: aLat, lon: aLon }]);
        return {
          id: `lm-${k}`,
          key: LANDMARK_KEYS[k]!,
          ...pointNear(random, centre.lat, centre.lon, random.pick([0.5, 5, 30, 200, 800])),
        };
      });
      const directory = new InMemoryDeviceDirectory();
      directory.enroll(
        {
          deviceId: 'gpu-1',
          model: 'nvidia-h100-sxm',
          algorithm: 'ed25519',
          publicKey: DEVICE_KEY.publicKeySpki,
          licenseId: 'lic-1',
          installation: { id: 'site-1', ...site, country },
        },
        0,
      );
      const processingMinMs = random.pick([0, 0.1, 0.5]);
      const now = 1_767_225_600_000;
      const verifier = new CheckInVerifier({
        devices: directory,
        landmarks: landmarkRegistry(
          landmarks.map((l) => ({
            id: l.id,
            lat: l.lat,
            lon: l.lon,
            operator: 'r',
            publicKey: l.key.publicKeySpki,
          })),
        ),
        now: () => now,
        nonceTtlMs: 60_000,
        intervalMs: 3_600_000,
        processingMinMs,
        nonceKey: new Uint8Array(32).fill(5),
      });
      const assignment = verifier.assignmentOf('gpu-1').landmarks.map((l) => l.id);
      const nonce = verifier.issueNonce('gpu-1');
      const answered = assignment.filter(() => random.next() < 0.75);
      if (answered.length < assignment.length) partial++;
      const relay = random.next() < 0.3 ? site : null;
      const receipts = answered.map((id, k) => {
        const landmark = landmarks.find((l) => l.id === id)!;
        const direct = greatCircleKm(landmark.lat, landmark.lon, truth.lat, truth.lon);
        const path = relay
          ? greatCircleKm(landmark.lat, landmark.lon, relay.lat, relay.lon) +
            greatCircleKm(relay.lat, relay.lon, truth.lat, truth.lon)
          : direct;
        const rtt =
          (2 * path * (random.next() < 0.5 ? 1 : random.uniform(1, 2))) / C_KM_PER_MS +
          processingMinMs +
          (random.next() < 0.5 ? 0 : random.exponential(0.5));
        const challenge = receiptNonce(nonce, new Uint8Array(32).fill(k + 1));
        return issueReceipt(landmark, {
          nonce: challenge,
          deviceSignature: answerChallenge(DEVICE_KEY, id, challenge),
          samples: [rtt],
        });
      });
      const result = verifier.verify(
        signCheckIn(DEVICE_KEY, {
          deviceId: 'gpu-1',
          sequence: 1,
          issuedAt: now,
          nonce,
          assignment,
          receipts,
          links: [],
        }),
      );
      const context = () =>
        JSON.stringify({ case: n, country, site, truth, landmarks, assignment, answered, result });
      expect(result.accepted, context()).toBe(true);
      if (result.location?.verdict === 'PASS') {
        passes++;
        if (outside) throw new Error(`PASS for a chip outside ${country}: ${context()}`);
        if (answered.length < assignment.length)
          throw new Error(`PASS without every assigned receipt: ${context()}`);
      }
    }
    expect(passes).toBeGreaterThan(VERIFIER_CASES * 0.05);
    expect(outsideCases).toBeGreaterThan(VERIFIER_CASES * 0.1);
    expect(partial).toBeGreaterThan(VERIFIER_CASES * 0.2);
  });
});

function pickAnchor(random: Random): [number, number] {
  const [, lat, lon] = random.pick(ANCHORS);
  return [lat, lon];
}
