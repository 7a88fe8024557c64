import { describe, expect, it } from 'vitest';
import { ClusterDetector } from './clustering.js';
import type { LicenseTerms } from './enrollment.js';
import type { LinkKind, LinkObservation } from './protocol.js';

const T = Date.UTC(2026, 0, 1);

/** Devices d0 … d(n−1); device i holds license `licenseOfIndex(i)`. */
function detector(n: number, licenses: LicenseTerms[], licenseOfIndex: (i: number) => number = () => 0) {
  return new ClusterDetector({
    capacity: n,
    licenseOf: (i) => licenses[licenseOfIndex(i)],
    deviceIdOf: (i) => `d${i}`,
    indexOf: (id) => (/^d\d+$/.test(id) && Number(id.slice(1)) < n ? Number(id.slice(1)) : undefined),
  });
}

const link = (
  peer: string | null,
  kind: LinkKind = 'nvlink',
  localPort = 0,
  state: 'up' | 'down' = 'up',
): LinkObservation => ({
  localPort,
  kind,
  state,
  speedGbps: 900,
  peerDeviceId: peer,
  firstSeen: T,
  lastSeen: T,
});

/** Both ends report a chain d0 – d1 – … – d(n−1). */
function reportChain(d: ClusterDetector, from: number, to: number, kind: LinkKind = 'nvlink', sequence = 1) {
  for (let i = from; i <= to; i++) {
    const links: LinkObservation[] = [];
    if (i > from) links.push(link(`d${i - 1}`, kind, 0));
    if (i < to) links.push(link(`d${i + 1}`, kind, 1));
    d.observe(i, sequence, links);
  }
}

describe('ClusterDetector', () => {
  const limit4: LicenseTerms = { licenseId: 'lic-4', clusterLimit: 4, countsScaleOut: true };

  it('counts a link only when both ends report it', () => {
    const d = detector(4, [limit4]);
    d.observe(0, 1, [link('d1')]);
    expect(d.componentSize(0)).toBe(1);
    d.observe(1, 1, [link('d0')]);
    expect(d.componentOf(0)).toBe(d.componentOf(1));
    expect(d.componentSize(1)).toBe(2);
  });

  it('does not alert at exactly the limit, and alerts one over it with evidence, after a rebuild confirms it', () => {
    const d = detector(8, [limit4]);
    reportChain(d, 0, 3);
    expect(d.rebuildDue).toBe(false);
    expect(d.rebuild().alerts).toEqual([]);
    reportChain(d, 0, 4, 'nvlink', 2);
    expect(d.rebuildDue).toBe(true); // a candidate, not yet an alert
    const { alerts, largestComponent } = d.rebuild();
    expect(largestComponent).toBe(5);
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    expect(alert).toMatchObject({ licenseId: 'lic-4', componentSize: 5, limit: 4, licenses: ['lic-4'] });
    expect(alert.devices).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
    expect(alert.evidence.complete).toBe(true);
    expect(alert.evidence.checkIns).toContainEqual({ deviceId: 'd4', sequence: 2 });
    expect(alert.evidence.links).toHaveLength(4);
    expect(alert.evidence.links).toContainEqual({
      a: { deviceId: 'd3', sequence: 2 },
      b: { deviceId: 'd4', sequence: 2 },
      kind: 'nvlink',
    });
    expect(alert.componentId).toBe(d.componentOf(4));
  });

  it('flags opaque ports and peers that are not enrolled devices, and ignores ports that are down', () => {
    const d = detector(4, [limit4]);
    const findings = d.observe(0, 3, [
      link(null, 'infiniband', 7),
      link('gpu-elsewhere', 'roce', 8),
      link('d1', 'nvlink', 9, 'down'),
    ]);
    expect(findings).toEqual([
      { type: 'opaque-port', deviceId: 'd0', localPort: 7, kind: 'infiniband', sequence: 3 },
      { type: 'unknown-peer', deviceId: 'd0', peerDeviceId: 'gpu-elsewhere', localPort: 8, sequence: 3 },
    ]);
    expect(d.linkCount).toBe(0);
  });

  it('flags a link only one end reports once the other end has had a full period to report it', () => {
    const d = detector(4, [limit4]);
    d.observe(0, 1, [link('d1')]);
    expect(d.rebuild().oneSided).toEqual([]); // d1 may simply not have checked in yet
    d.observe(0, 2, [link('d1')]);
    expect(d.rebuild().oneSided).toEqual([
      { type: 'one-sided-link', reporter: 'd0', peer: 'd1', kind: 'nvlink' },
    ]);
  });

  it('drops links no longer reported at the next rebuilds, and a lapsed candidate is not confirmed', () => {
    const d = detector(8, [limit4]);
    reportChain(d, 0, 4);
    expect(d.rebuildDue).toBe(true);
    expect(d.rebuild().alerts).toHaveLength(1);
    // Next period: the chain is split (d2 reports no links any more), so only 0-1 and 3-4 remain.
    d.observe(0, 2, [link('d1')]);
    d.observe(1, 2, [link('d0')]);
    d.observe(2, 2, []);
    d.observe(3, 2, [link('d4')]);
    d.observe(4, 2, [link('d3')]);
    // Links last reported by both ends one period ago still count (a two-period window).
    expect(d.rebuild().alerts).toHaveLength(1);
    const after = d.rebuild();
    expect(after.alerts).toEqual([]);
    expect(after.largestComponent).toBe(2);
  });

  it('holds a component to the strictest license among its devices', () => {
    const loose: LicenseTerms = { licenseId: 'lic-big', clusterLimit: 100, countsScaleOut: true };
    const d = detector(8, [limit4, loose], (i) => (i < 3 ? 0 : 1));
    reportChain(d, 0, 5); // 3 devices of lic-4 joined to 3 of lic-big: 6 > 4
    const [alert] = d.rebuild().alerts;
    expect(alert).toMatchObject({
      licenseId: 'lic-4',
      limit: 4,
      componentSize: 6,
      licenses: ['lic-4', 'lic-big'],
    });
  });

  it('counts scale-out links only when a license says so', () => {
    const scaleUpOnly: LicenseTerms = { licenseId: 'lic-su', clusterLimit: 2, countsScaleOut: false };
    const d = detector(4, [scaleUpOnly]);
    reportChain(d, 0, 3, 'infiniband');
    expect(d.rebuild()).toMatchObject({ alerts: [], largestComponent: 1 });
    reportChain(d, 0, 3, 'nvswitch', 2);
    expect(d.rebuild().alerts).toHaveLength(1);
  });

  it('keeps 21 bytes per device plus the link table', () => {
    const d = detector(1000, [limit4]);
    expect(d.stateBytes).toBe(1000 * 21 + Math.ceil(4000 / 0.8) * 9);
  });
});
