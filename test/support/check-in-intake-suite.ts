/**
 * One suite for every CheckInIntake (src/ledger/monitoring/intake.ts): the in-process one
 * (src/ledger/monitoring/intake.test.ts) and the NATS one (src/stream/intake.test.ts) must admit,
 * refuse, store, de-duplicate and record alike. `start` builds the implementation over a ledger
 * with a monitored installation; `stored` waits for a submitted check-in to be committed (at once
 * in-process; after the worker for NATS) and returns its stored outcome.
 */
import { expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.js';
import { LedgerError } from '../../src/ledger/errors.js';
import type { Ledger } from '../../src/ledger/ledger.js';
import type { CheckInIntake, IntakeAnswer } from '../../src/ledger/monitoring/index.js';
import { createApiKey, createOrganization } from '../../src/ledger/organizations.js';
import { authenticate, type Principal } from '../../src/ledger/principal.js';
import type { MonitoredInstallation } from './ledger-fixture.js';

export interface StoredCheckIn {
  readonly accepted: boolean;
  readonly problems: readonly string[];
  readonly alertIds: readonly string[];
}

export interface IntakeHarness {
  readonly intake: CheckInIntake;
  /** The committed outcome of a submitted check-in (waits for it when queued). */
  stored(answer: IntakeAnswer, deviceId: string, sequence: number): Promise<StoredCheckIn>;
}

export interface IntakeSuiteContext {
  ledger(): Ledger;
  fixture(): MonitoredInstallation;
  harness(): IntakeHarness;
}

/** Registers the suite's tests in the calling `describe`. */
export function checkInIntakeSuite(t: IntakeSuiteContext): void {
  let devices = 0;
  const device = async () => {
    const id = `intake-gpu-${++devices}`;
    await t.fixture().enroll(id);
    return id;
  };
  const rows = async (deviceId: string) =>
    t.ledger().ctx.db.selectFrom('checkins').select('sequence').where('device_id', '=', deviceId).execute();
  /** The audit entries `checkin.received` of a device, as their leaves say. */
  const entries = async (deviceId: string) => {
    const { ctx } = t.ledger();
    await ctx.audit.sync();
    const leaves = await ctx.db.selectFrom('audit_entries').select('leaf').orderBy('idx').execute();
    return leaves
      .map((l) => JSON.parse(Buffer.from(l.leaf).toString('utf8')))
      .filter((e) => e.action === 'checkin.received' && String(e.id).startsWith(`${deviceId}#`));
  };
  const rejection = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error('the intake took what it should have refused');
  };

  it("stores an exporter's check-in of its own device and names the caller in the audit entry", async () => {
    const id = await device();
    const exporter = t.fixture().exporter;
    const answer = await t.harness().intake.submit(exporter, await t.fixture().checkIn(id, 1));
    const outcome = await t.harness().stored(answer, id, 1);
    expect(outcome).toMatchObject({ accepted: true, problems: [] });
    const [entry, ...more] = await entries(id);
    expect(more).toHaveLength(0);
    expect(entry.who).toEqual({
      organizationId: exporter.organizationId,
      role: 'exporter',
      keyId: exporter.keyId,
    });
    expect(entry.who.keyId).not.toBeNull();
    // Whom it concerns: the exporter, and the country the license ships to.
    expect(entry.subject).toEqual({ organizationId: exporter.organizationId, country: 'AE' });
  });

  it('refuses a caller that is not an exporter (forbidden) and stores nothing', async () => {
    const id = await device();
    const error = await rejection(
      t.harness().intake.submit(t.fixture().regulator, await t.fixture().checkIn(id, 1)),
    );
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('forbidden');
    expect(await rows(id)).toHaveLength(0);
  });

  it("refuses another organization's device as not found, and stores nothing", async () => {
    const id = await device();
    const { ctx } = t.ledger();
    const name = `Other Exporter ${devices}`;
    await createOrganization(ctx, { name, role: 'exporter', country: 'US' });
    const other: Principal = await authenticate(ctx.db, (await createApiKey(ctx, name)).key);
    const error = await rejection(t.harness().intake.submit(other, await t.fixture().checkIn(id, 1)));
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('not_found');
    expect((error as LedgerError).message).toContain(id);
    expect(await rows(id)).toHaveLength(0);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const id = await device();
    const checkIn = { ...(await t.fixture().checkIn(id, 1)), sequence: -3 };
    const error = await rejection(t.harness().intake.submit(t.fixture().exporter, checkIn));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues[0]!.path).toEqual(['sequence']);
    expect(await rows(id)).toHaveLength(0);
  });

  it('stores a check-in submitted twice once', async () => {
    const id = await device();
    const checkIn = await t.fixture().checkIn(id, 1);
    const first = await t.harness().intake.submit(t.fixture().exporter, checkIn);
    await t.harness().stored(first, id, 1);
    const second = await t.harness().intake.submit(t.fixture().exporter, checkIn);
    expect(await t.harness().stored(second, id, 1)).toMatchObject({ accepted: true });
    if (second.kind === 'stored') expect(second.outcome.duplicate).toBe(true);
    expect(await rows(id)).toHaveLength(1);
    expect(await entries(id)).toHaveLength(1);
  });

  it("keeps each device's check-ins in order when many arrive at once, and isolates a forged one", async () => {
    const ids = [await device(), await device(), await device()];
    const { exporter } = t.fixture();
    // Signed in order first (each on a fresh nonce), then submitted all at once, each device's
    // check-ins in sequence: one of the third device's is signed by another key.
    const signed: { id: string; sequence: number; body: unknown }[] = [];
    for (let sequence = 1; sequence <= 4; sequence++) {
      for (const id of ids) {
        const forge = id === ids[2] && sequence === 4;
        signed.push({ id, sequence, body: await t.fixture().checkIn(id, sequence, { forge }) });
      }
    }
    const answers = await Promise.all(signed.map((s) => t.harness().intake.submit(exporter, s.body)));
    const outcomes = await Promise.all(
      answers.map((a, k) => t.harness().stored(a, signed[k]!.id, signed[k]!.sequence)),
    );
    for (const [k, s] of signed.entries()) {
      const forged = s.id === ids[2] && s.sequence === 4;
      expect(outcomes[k], `${s.id}#${s.sequence}`).toMatchObject(
        forged ? { accepted: false, problems: ['forged'] } : { accepted: true, problems: [] },
      );
      if (forged) expect(outcomes[k]!.alertIds).toHaveLength(1);
    }
    for (const id of ids) {
      expect((await rows(id)).map((r) => Number(r.sequence)).sort()).toEqual([1, 2, 3, 4]);
      expect(await entries(id)).toHaveLength(4);
    }
    const states = await t
      .ledger()
      .ctx.db.selectFrom('devices')
      .select(['id', 'last_sequence'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute();
    expect(states.map((s) => Number(s.last_sequence))).toEqual([4, 4, 3]);
  });
}
