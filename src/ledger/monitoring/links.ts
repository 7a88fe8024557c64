/**
 * The link graph of monitored chips and anti-clustering (issue 5 item 4; docs/monitoring-protocol.md,
 * "Anti-clustering"), over the stored links. A link counts when both ends reported it `up` within
 * the last two check-in intervals; a port up with no known peer, a peer that is not an enrolled
 * device, and a link only one end has reported for over an interval are findings.
 *
 * Incremental then confirmed, as in the pure core: only a check-in that makes a link count (a
 * union) can grow a component, so only then is the device's component explored, breadth-first over
 * counted links and no further than its limit; a component past its limit is a candidate, and the
 * alert is raised only when the pure ClusterDetector, rebuilt from every stored link of the licenses
 * involved, confirms it, with its evidence (which check-ins, which links).
 */

import type { LicenseTerms } from '../../monitoring/index.js';
import {
  ClusterDetector,
  LINK_KINDS,
  type LinkKind,
  type LinkObservation,
  SCALE_OUT_KINDS,
} from '../../monitoring/index.js';
import type { Tx } from '../../store/store.js';
import { raiseAlert } from './alerts.js';
import type { MonitoringSettings } from './settings.js';

type Record_ = (action: string, entity: string, id: string, before: unknown, after: unknown) => Promise<void>;

export type StoredFinding =
  | { type: 'opaque-port'; deviceId: string; localPort: number; kind: LinkKind; sequence: number }
  | { type: 'unknown-peer'; deviceId: string; peerDeviceId: string; localPort: number; sequence: number }
  | { type: 'one-sided-link'; reporter: string; peer: string; kind: LinkKind };

export interface Reporter {
  readonly id: string;
  readonly licenseId: string;
  readonly sequence: number;
}

interface LinkRow {
  device_a: string;
  device_b: string;
  license_a: string;
  license_b: string;
  kind: LinkKind;
  state: 'up' | 'down';
  reported_a_at: Date | null;
  reported_b_at: Date | null;
  first_seen: Date;
}

/** Where several reports of one link disagree on the kind, the scale-up one counts (omission is the danger). */
const strongerKind = (a: LinkKind, b: LinkKind): LinkKind =>
  LINK_KINDS.indexOf(a) <= LINK_KINDS.indexOf(b) ? a : b;

/**
 * Stores an accepted check-in's link observations and returns its findings and the alerts raised.
 * Runs in the check-in's transaction, under its device's row lock.
 */
export async function observeLinks(
  tx: Tx,
  record: Record_,
  now: Date,
  settings: MonitoringSettings,
  reporter: Reporter,
  links: readonly LinkObservation[],
): Promise<{ findings: StoredFinding[]; alertIds: string[] }> {
  const findings: StoredFinding[] = [];
  const windowStart = new Date(now.getTime() - 2 * settings.intervalMs);
  const peerIds = [
    ...new Set(links.map((l) => l.peerDeviceId).filter((p): p is string => p !== null && p !== reporter.id)),
  ];
  const peers = new Map(
    peerIds.length === 0
      ? []
      : (
          await tx
            .selectFrom('devices')
            .select(['id', 'license_id'])
            .where('id', 'in', peerIds)
            .where('status', '=', 'active')
            .execute()
        ).map((p) => [p.id, p.license_id] as const),
  );
  let joined = 0;
  const reportedUp = new Set<string>();
  // Link rows are locked in one global order (by device pair), so check-ins of different devices
  // that share links cannot deadlock.
  const pairKey = (l: LinkObservation) => {
    const peer = l.peerDeviceId ?? '';
    return reporter.id < peer ? `${reporter.id}\0${peer}` : `${peer}\0${reporter.id}`;
  };
  const ordered = [...links].sort((x, y) => (pairKey(x) < pairKey(y) ? -1 : pairKey(x) > pairKey(y) ? 1 : 0));
  for (const link of ordered) {
    if (link.state === 'up' && link.peerDeviceId === null) {
      findings.push({
        type: 'opaque-port',
        deviceId: reporter.id,
        localPort: link.localPort,
        kind: link.kind,
        sequence: reporter.sequence,
      });
      continue;
    }
    if (link.peerDeviceId === null) continue;
    const peerLicense = peers.get(link.peerDeviceId);
    if (peerLicense === undefined) {
      if (link.state === 'up')
        findings.push({
          type: 'unknown-peer',
          deviceId: reporter.id,
          peerDeviceId: link.peerDeviceId,
          localPort: link.localPort,
          sequence: reporter.sequence,
        });
      continue;
    }
    if (link.state === 'up') reportedUp.add(link.peerDeviceId);
    if (await storeLink(tx, now, windowStart, reporter, link, peerLicense)) joined++;
  }
  await withdrawUnreported(tx, reporter.id, reportedUp);
  findings.push(...(await oneSided(tx, now, settings, reporter.id, windowStart)));
  if (joined === 0) return { findings, alertIds: [] };
  const candidate = await exploreComponent(tx, reporter, windowStart);
  if (!candidate) return { findings, alertIds: [] };
  const alertIds = await confirmClusters(
    tx,
    record,
    now,
    settings,
    reporter,
    candidate,
    windowStart,
    findings,
  );
  return { findings, alertIds };
}

/** Upserts one end's report; true when the report makes the link count (the other end reported it recently). */
async function storeLink(
  tx: Tx,
  now: Date,
  windowStart: Date,
  reporter: Reporter,
  link: LinkObservation,
  peerLicense: string,
): Promise<boolean> {
  const peer = link.peerDeviceId!;
  const mineIsA = reporter.id < peer;
  const [a, b] = mineIsA ? [reporter.id, peer] : [peer, reporter.id];
  const firstSeen = new Date(link.firstSeen);
  const lastSeen = new Date(link.lastSeen);
  // Both ends of a new link may check in at once: create the row if absent, then lock it.
  await tx
    .insertInto('device_links')
    .values({
      device_a: a,
      device_b: b,
      license_a: mineIsA ? reporter.licenseId : peerLicense,
      license_b: mineIsA ? peerLicense : reporter.licenseId,
      kind: link.kind,
      state: link.state,
      speed_gbps: link.speedGbps,
      first_seen: firstSeen,
      last_seen: lastSeen,
    })
    .onConflict((oc) => oc.columns(['device_a', 'device_b']).doNothing())
    .execute();
  const existing = await tx
    .selectFrom('device_links')
    .selectAll()
    .where('device_a', '=', a)
    .where('device_b', '=', b)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  const up = link.state === 'up';
  const recent = (d: Date | null) => d !== null && d.getTime() >= windowStart.getTime();
  const mineBefore = recent(mineIsA ? existing.reported_a_at : existing.reported_b_at);
  const theirs = recent(mineIsA ? existing.reported_b_at : existing.reported_a_at);
  await tx
    .updateTable('device_links')
    .set({
      kind: strongerKind(existing.kind, link.kind),
      state: link.state,
      speed_gbps: link.speedGbps,
      first_seen: existing.first_seen.getTime() <= firstSeen.getTime() ? existing.first_seen : firstSeen,
      last_seen: existing.last_seen.getTime() >= lastSeen.getTime() ? existing.last_seen : lastSeen,
      [mineIsA ? 'port_a' : 'port_b']: link.localPort,
      [mineIsA ? 'reported_a_at' : 'reported_b_at']: up ? now : null,
      [mineIsA ? 'sequence_a' : 'sequence_b']: reporter.sequence,
    })
    .where('device_a', '=', a)
    .where('device_b', '=', b)
    .execute();
  // A link reported as scale-up for the first time may count where its scale-out reading did not.
  const upgraded = SCALE_OUT_KINDS.includes(existing.kind) && !SCALE_OUT_KINDS.includes(link.kind);
  return up && theirs && (!mineBefore || upgraded);
}

/** A device that no longer lists a peer no longer reports that link. */
async function withdrawUnreported(tx: Tx, deviceId: string, reportedUp: ReadonlySet<string>): Promise<void> {
  const keep = [...reportedUp];
  let asA = tx.updateTable('device_links').set({ reported_a_at: null }).where('device_a', '=', deviceId);
  let asB = tx.updateTable('device_links').set({ reported_b_at: null }).where('device_b', '=', deviceId);
  if (keep.length > 0) {
    asA = asA.where('device_b', 'not in', keep);
    asB = asB.where('device_a', 'not in', keep);
  }
  await asA.where('reported_a_at', 'is not', null).execute();
  await asB.where('reported_b_at', 'is not', null).execute();
}

/** Links of this device that one end has reported for more than an interval while the other has not. */
async function oneSided(
  tx: Tx,
  now: Date,
  settings: MonitoringSettings,
  deviceId: string,
  windowStart: Date,
): Promise<StoredFinding[]> {
  const rows = await tx
    .selectFrom('device_links')
    .select(['device_a', 'device_b', 'kind', 'reported_a_at', 'reported_b_at', 'first_seen'])
    .where((eb) => eb.or([eb('device_a', '=', deviceId), eb('device_b', '=', deviceId)]))
    .where('first_seen', '<=', new Date(now.getTime() - settings.intervalMs))
    .execute();
  const out: StoredFinding[] = [];
  const recent = (d: Date | null) => d !== null && d.getTime() >= windowStart.getTime();
  for (const row of rows) {
    const a = recent(row.reported_a_at);
    const b = recent(row.reported_b_at);
    if (a && !b)
      out.push({ type: 'one-sided-link', reporter: row.device_a, peer: row.device_b, kind: row.kind });
    if (b && !a)
      out.push({ type: 'one-sided-link', reporter: row.device_b, peer: row.device_a, kind: row.kind });
  }
  return out;
}

interface Terms {
  limit: number;
  countsScaleOut: boolean;
}

async function licenseTermsOf(tx: Tx, ids: readonly string[], into: Map<string, Terms>): Promise<void> {
  const missing = ids.filter((id) => !into.has(id));
  if (missing.length === 0) return;
  const rows = await tx
    .selectFrom('licenses')
    .select(['id', 'cluster_limit', 'limit_chips', 'cluster_counts_scale_out'])
    .where('id', 'in', missing)
    .execute();
  for (const row of rows) {
    into.set(row.id, {
      limit: row.cluster_limit ?? Math.max(1, row.limit_chips),
      countsScaleOut: row.cluster_counts_scale_out,
    });
  }
}

const counted = (row: LinkRow, windowStart: Date, terms: Map<string, Terms>): boolean => {
  const recent = (d: Date | null) => d !== null && d.getTime() >= windowStart.getTime();
  if (row.state !== 'up' || !recent(row.reported_a_at) || !recent(row.reported_b_at)) return false;
  if (!SCALE_OUT_KINDS.includes(row.kind)) return true;
  return (
    (terms.get(row.license_a)?.countsScaleOut ?? true) || (terms.get(row.license_b)?.countsScaleOut ?? true)
  );
};

/**
 * Breadth-first over counted links from the reporter, stopping once the component is past the
 * strictest limit met so far. Returns the licenses met when it is (a candidate), else null.
 */
async function exploreComponent(tx: Tx, reporter: Reporter, windowStart: Date): Promise<Set<string> | null> {
  const terms = new Map<string, Terms>();
  await licenseTermsOf(tx, [reporter.licenseId], terms);
  const seen = new Set([reporter.id]);
  const licenses = new Set([reporter.licenseId]);
  let limit = terms.get(reporter.licenseId)?.limit ?? Number.MAX_SAFE_INTEGER;
  let frontier = [reporter.id];
  while (frontier.length > 0 && seen.size <= limit) {
    const rows = (await tx
      .selectFrom('device_links')
      .selectAll()
      .where((eb) => eb.or([eb('device_a', 'in', frontier), eb('device_b', 'in', frontier)]))
      .execute()) as LinkRow[];
    await licenseTermsOf(tx, [...new Set(rows.flatMap((r) => [r.license_a, r.license_b]))], terms);
    const next: string[] = [];
    for (const row of rows) {
      if (!counted(row, windowStart, terms)) continue;
      for (const [id, license] of [
        [row.device_a, row.license_a],
        [row.device_b, row.license_b],
      ] as const) {
        if (seen.has(id)) continue;
        seen.add(id);
        next.push(id);
        licenses.add(license);
        limit = Math.min(limit, terms.get(license)?.limit ?? limit);
      }
    }
    frontier = next;
  }
  return seen.size > limit ? licenses : null;
}

/**
 * The confirming rebuild: the pure detector over every device and stored link of the licenses in
 * the candidate component (and the licenses of their peers). Locks those licenses first, in id
 * order, so concurrent confirmations of one component take turns and raise one alert.
 */
async function confirmClusters(
  tx: Tx,
  record: Record_,
  now: Date,
  _settings: MonitoringSettings,
  reporter: Reporter,
  candidateLicenses: Set<string>,
  windowStart: Date,
  findings: readonly StoredFinding[],
): Promise<string[]> {
  const licenseIds = [...candidateLicenses].sort();
  await tx
    .selectFrom('licenses')
    .select('id')
    .where('id', 'in', licenseIds)
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  const links = (await tx
    .selectFrom('device_links')
    .selectAll()
    .where((eb) => eb.or([eb('license_a', 'in', licenseIds), eb('license_b', 'in', licenseIds)]))
    .execute()) as LinkRow[];
  const allLicenses = [...new Set([...licenseIds, ...links.flatMap((l) => [l.license_a, l.license_b])])];
  const terms = new Map<string, Terms>();
  await licenseTermsOf(tx, allLicenses, terms);
  const devices = await tx
    .selectFrom('devices')
    .select(['id', 'license_id', 'last_sequence', 'installation_id', 'organization_id'])
    .where('license_id', 'in', allLicenses)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  const index = new Map(devices.map((d, i) => [d.id, i] as const));
  const licenseTerms: LicenseTerms[] = devices.map((d) => ({
    licenseId: d.license_id,
    clusterLimit: terms.get(d.license_id)?.limit ?? 2 ** 31 - 1,
    countsScaleOut: terms.get(d.license_id)?.countsScaleOut ?? true,
  }));
  const detector = new ClusterDetector({
    capacity: devices.length,
    expectedLinks: links.length,
    licenseOf: (i) => licenseTerms[i],
    deviceIdOf: (i) => devices[i]?.id ?? `#${i}`,
    indexOf: (id) => index.get(id),
  });
  devices.forEach((d, i) => {
    detector.registerDevice(i, d.id === reporter.id ? reporter.sequence : (d.last_sequence ?? -1));
  });
  const recent = (d: Date | null) => d !== null && d.getTime() >= windowStart.getTime();
  for (const link of links) {
    const a = index.get(link.device_a);
    const b = index.get(link.device_b);
    if (a === undefined || b === undefined || link.state !== 'up') continue;
    const kind = LINK_KINDS.indexOf(link.kind);
    if (recent(link.reported_a_at)) detector.reportLink(a, b, kind);
    if (recent(link.reported_b_at)) detector.reportLink(b, a, kind);
  }
  const { alerts } = detector.rebuild();
  const raised: string[] = [];
  const byId = new Map(devices.map((d) => [d.id, d] as const));
  for (const alert of alerts) {
    const members = new Set(alert.devices);
    const open = await tx
      .selectFrom('alerts')
      .select(['subject', 'device_ids'])
      .where('kind', '=', 'cluster')
      .where('license_id', '=', alert.licenseId)
      .where('status', '<>', 'resolved')
      .execute();
    const same = open.find((o) => (o.device_ids as string[]).some((id) => members.has(id)));
    // The alert's site: the reporter's installation when it holds the license, else another member's.
    const anchorDevice =
      [reporter.id, ...alert.devices]
        .map((id) => byId.get(id))
        .find((d) => members.has(d?.id ?? '') && d?.license_id === alert.licenseId) ?? null;
    const licenseOwner = await tx
      .selectFrom('licenses')
      .select('organization_id')
      .where('id', '=', alert.licenseId)
      .executeTakeFirstOrThrow();
    const related = findings.filter((f) =>
      f.type === 'one-sided-link' ? members.has(f.reporter) || members.has(f.peer) : members.has(f.deviceId),
    );
    raised.push(
      await raiseAlert(tx, record, now, {
        kind: 'cluster',
        subject: same?.subject ?? `${alert.licenseId}/${[...members].sort()[0]}`,
        organizationId: licenseOwner.organization_id,
        licenseId: alert.licenseId,
        installationId: anchorDevice?.installation_id ?? null,
        deviceIds: alert.devices,
        summary:
          `${alert.componentSize} chips are linked into one cluster, over the limit of ${alert.limit} ` +
          `that license ${alert.licenseId} allows (links reported by both ends).`,
        evidence: {
          componentSize: alert.componentSize,
          limit: alert.limit,
          licenses: alert.licenses,
          checkIns: alert.evidence.checkIns,
          links: alert.evidence.links,
          complete: alert.evidence.complete,
          findings: related,
          reportedBy: { deviceId: reporter.id, sequence: reporter.sequence },
        },
      }),
    );
  }
  return raised;
}
