/**
 * The simulated world (issue item 7): landmarks at real city coordinates (data/cities.json), sites
 * near inland cities, licenses, enrolled devices with keys, and the link topology of an HGX-style
 * fleet — 8 GPUs per node joined by NVSwitch, 8 nodes per pod joined by InfiniBand, so an honest
 * pod has 64 GPUs, exactly the licensed limit.
 */

import type { Random } from '../domain/random.js';
import { pointInCountry } from './borders.js';
import cityData from './data/cities.json' with { type: 'json' };
import {
  type EnrolledDevice,
  InMemoryDeviceDirectory,
  type LicenseTerms,
  landmarkRegistry,
  type RegisteredLandmark,
} from './enrollment.js';
import type { LinkKind } from './protocol.js';
import { ed25519KeyPairFromSeed, generateKeyPair, type KeyPair } from './signatures.js';
import { destination, greatCircleKm } from './sphere.js';

export interface City {
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
  /** Inland, ≥ ~140 km from its country's coast and borders: a site can be proved there. */
  readonly site: boolean;
}
export const CITIES: readonly City[] = cityData.cities;
export const CITY_SOURCE: string = cityData.source;

export const GPUS_PER_NODE = 8;
export const NODES_PER_POD = 8;
export const CLUSTER_LIMIT = GPUS_PER_NODE * NODES_PER_POD;
/** Sites lie this far at most from their city's centre, where its landmark is. */
export const SITE_RADIUS_KM = 25;
/** Share of devices with ECDSA P-384 keys (the rest Ed25519). */
const P384_EVERY = 20;

export interface SimLandmark {
  readonly id: string;
  readonly city: City;
  readonly key: KeyPair;
  readonly lat: number;
  readonly lon: number;
}

export interface SimSite {
  readonly id: string;
  readonly city: City;
  readonly lat: number;
  readonly lon: number;
  readonly country: string;
  readonly licenseId: string;
  /** The landmarks nearest the site, nearest first. */
  readonly nearestLandmarks: readonly SimLandmark[];
}

export interface SimLink {
  readonly peer: number;
  readonly kind: LinkKind;
  readonly localPort: number;
}

export interface SimDevice {
  readonly index: number;
  readonly key: KeyPair;
  readonly site: SimSite;
  readonly enrolled: EnrolledDevice;
  readonly links: SimLink[];
}

export interface Fleet {
  readonly landmarks: readonly SimLandmark[];
  readonly registry: ReadonlyMap<string, RegisteredLandmark>;
  readonly sites: readonly SimSite[];
  readonly licenses: ReadonlyMap<string, LicenseTerms>;
  readonly directory: InMemoryDeviceDirectory;
  readonly devices: readonly SimDevice[];
  /** Device indices per pod (64 at most). */
  readonly pods: readonly (readonly number[])[];
}

export function buildFleet(
  deviceCount: number,
  siteCount: number,
  random: Random,
  enrolledAt: number,
): Fleet {
  const landmarks: SimLandmark[] = CITIES.map((city) => ({
    id: `lm-${city.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    city,
    key: ed25519KeyPairFromSeed(random.bytes(32)),
    lat: city.lat,
    lon: city.lon,
  }));
  const registry = landmarkRegistry(
    landmarks.map((l) => ({
      id: l.id,
      lat: l.lat,
      lon: l.lon,
      operator: 'regulator',
      publicKey: l.key.publicKeySpki,
    })),
  );
  const siteCities = CITIES.filter((c) => c.site);
  const sites: SimSite[] = [];
  const licenses = new Map<string, LicenseTerms>();
  for (let k = 0; k < siteCount; k++) {
    const city = siteCities[k % siteCities.length]!;
    let point: { lat: number; lon: number };
    do {
      point = destination(city.lat, city.lon, random.uniform(0, 360), random.uniform(0, SITE_RADIUS_KM));
    } while (!pointInCountry(city.country, point.lat, point.lon));
    const licenseId = `lic-${k}`;
    licenses.set(licenseId, { licenseId, clusterLimit: CLUSTER_LIMIT, countsScaleOut: true });
    const nearestLandmarks = [...landmarks].sort(
      (a, b) =>
        greatCircleKm(a.lat, a.lon, point.lat, point.lon) - greatCircleKm(b.lat, b.lon, point.lat, point.lon),
    );
    sites.push({ id: `site-${k}`, city, ...point, country: city.country, licenseId, nearestLandmarks });
  }

  const directory = new InMemoryDeviceDirectory();
  const devices: SimDevice[] = [];
  for (let j = 0; j < deviceCount; j++) {
    const site = sites[j % siteCount]!;
    const seed = random.bytes(32);
    const key =
      j % P384_EVERY === P384_EVERY - 1 ? generateKeyPair('ecdsa-p384') : ed25519KeyPairFromSeed(seed);
    const enrolled = directory.enroll(
      {
        deviceId: `gpu-${String(j).padStart(6, '0')}`,
        model: key.algorithm === 'ecdsa-p384' ? 'nvidia-b200' : 'nvidia-h100-sxm',
        algorithm: key.algorithm,
        publicKey: key.publicKeySpki,
        licenseId: site.licenseId,
        installation: { id: site.id, lat: site.lat, lon: site.lon, country: site.country },
      },
      enrolledAt,
    );
    devices.push({ index: j, key, site, enrolled, links: [] });
  }

  const pods: number[][] = [];
  for (const site of sites) {
    const members = devices.filter((d) => d.site === site).map((d) => d.index);
    for (let p = 0; p < members.length; p += CLUSTER_LIMIT) pods.push(members.slice(p, p + CLUSTER_LIMIT));
  }
  for (const pod of pods) wirePod(devices, pod);
  return { landmarks, registry, sites, licenses, directory, devices, pods };
}

/** NVSwitch between every two GPUs of a node; InfiniBand between the same GPU slot of neighbouring nodes. */
function wirePod(devices: SimDevice[], pod: readonly number[]): void {
  const nodes: number[][] = [];
  for (let n = 0; n < pod.length; n += GPUS_PER_NODE) nodes.push(pod.slice(n, n + GPUS_PER_NODE));
  for (const node of nodes) {
    for (let a = 0; a < node.length; a++) {
      for (let b = a + 1; b < node.length; b++) connect(devices, node[a]!, node[b]!, 'nvswitch');
    }
  }
  for (let n = 0; n + 1 < nodes.length; n++) {
    const here = nodes[n]!;
    const next = nodes[n + 1]!;
    for (let slot = 0; slot < Math.min(here.length, next.length); slot++)
      connect(devices, here[slot]!, next[slot]!, 'infiniband');
  }
}

export function connect(devices: SimDevice[], a: number, b: number, kind: LinkKind): void {
  const deviceA = devices[a]!;
  const deviceB = devices[b]!;
  deviceA.links.push({ peer: b, kind, localPort: deviceA.links.length });
  deviceB.links.push({ peer: a, kind, localPort: deviceB.links.length });
}
