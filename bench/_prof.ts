import { randomBytes } from 'node:crypto';
import { openLedger } from '../src/ledger/ledger.js';
import { ingestCheckIns } from '../src/ledger/monitoring/checkins.js';
import { seededKey, signedCheckIn } from '../src/ledger/monitoring/fleet.js';
import { activeLandmarks, registerLandmark } from '../src/ledger/monitoring/index.js';
import { monitoringSettings } from '../src/ledger/monitoring/settings.js';
import { assignLandmarks } from '../src/monitoring/assignment.js';
import { inlineVerifier, SignaturePool } from '../src/monitoring/signature-pool.js';
import { LANDMARKS, monitoredInstallation, SITE } from '../src/stream/ledger-fixture.js';

const schema = `prof_${randomBytes(3).toString('hex')}`;
const ledger = await openLedger({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema });
const clock = { now: Date.now() };
const fx = await monitoredInstallation(ledger, clock, 500);
const third = {
  id: 'lm-abu-dhabi',
  name: 'Abu Dhabi',
  lat: 24.4539,
  lon: 54.3773,
  key: seededKey('ed25519', 'lm-ad'),
};
await registerLandmark(ledger.ctx, fx.regulator, {
  id: third.id,
  name: third.name,
  lat: third.lat,
  lon: third.lon,
  operator: 'x',
  publicKey: third.key.publicKeySpki,
});
const settings = await monitoringSettings(ledger.ctx.db);
const assignment = assignLandmarks(SITE, await activeLandmarks(ledger.ctx.db), 3).landmarks.map((l) => l.id);
const lms = [...LANDMARKS, third];
const N = 200;
for (let d = 0; d < N; d++) await fx.enroll(`p-${d}`);
const pool = new SignaturePool(2);
let r = 0;
const make = (n: number) => {
  r++;
  const base = Date.now();
  return Array.from({ length: n }, (_, d) => ({
    principal: fx.exporter,
    raw: signedCheckIn({
      deviceId: `p-${d}`,
      key: seededKey('ed25519', `p-${d}`),
      at: SITE,
      nonce: settings.nonces.issue(`p-${d}`, base, assignment),
      sequence: r,
      issuedAt: base,
      landmarks: assignment.map((id) => lms.find((l) => l.id === id)!),
      assignment,
    }),
  }));
};
for (const [n, v] of [
  [1, inlineVerifier],
  [200, pool],
  [200, pool],
  [200, pool],
  [200, pool],
] as const) {
  const items = make(n);
  const t = performance.now();
  const res = await ingestCheckIns(ledger.ctx, items, { verifier: v });
  const ms = performance.now() - t;
  console.log(
    n,
    v === pool ? 'pool' : 'inline',
    ms.toFixed(1),
    'ms',
    (ms / n).toFixed(2),
    'ms/each',
    res.filter((x) => x.ok && x.outcome.accepted).length,
  );
}
await pool.close();
await ledger.close();
