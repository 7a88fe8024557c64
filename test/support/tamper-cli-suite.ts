import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLogKey, leafHash, MerkleTree } from '../../src/audit/index.js';
import { verifyAudit } from '../../src/ledger/audit.js';
import { checkpoint, loadAuditSigner, startAutoCheckpoint } from '../../src/ledger/audit-log/index.js';
import { openLedger } from '../../src/ledger/ledger.js';
import { decideRequest, recordShipment } from '../../src/ledger/licensing/index.js';
import { createApiKey, createOrganization } from '../../src/ledger/organizations.js';
import { authenticate, SYSTEM } from '../../src/ledger/principal.js';
import { submitRequest } from '../../src/ledger/requests/index.js';
import { type Db, openStore, type StoreOptions } from '../../src/store/store.js';
import { gb300 } from './api.js';
import { type StoreVariant, storeVariants } from './stores.js';

/**
 * The tamper suite of issue 14: each rewrite that `audit verify` used to miss (or report while
 * exiting 0), applied to a real store, and the real command's exit code and message checked.
 * Every case starts from the same untouched ledger (its tables are copied aside and put back).
 */
const DIFFUSION = 'us-ai-diffusion-2025';
const TABLES = [
  'audit_entries',
  'audit_head',
  'audit_checkpoints',
  'licenses',
  'shipments',
  'requests',
] as const;
const KEY_PEM = generateLogKey().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/** Rewrites entry `index` and recomputes every later recorded root, as a careful attacker would. */
async function rewriteEntry(db: Db, index: number, edit: (text: string) => string): Promise<void> {
  const rows = await db.selectFrom('audit_entries').select(['idx', 'leaf']).orderBy('idx').execute();
  const tree = new MerkleTree();
  for (const row of rows) {
    let leaf = row.leaf;
    if (Number(row.idx) === index) {
      leaf = new Uint8Array(Buffer.from(edit(Buffer.from(leaf).toString('utf8')), 'utf8'));
      await db.updateTable('audit_entries').set({ leaf }).where('idx', '=', row.idx).execute();
    }
    tree.append(leafHash(leaf));
    if (Number(row.idx) >= index) {
      await db
        .updateTable('audit_entries')
        .set({ root_after: tree.rootHash() })
        .where('idx', '=', row.idx)
        .execute();
    }
  }
}

/** The edit: the entry claims another date. */
const backdate = (text: string) => {
  const out = text.replace('"when":"2025', '"when":"2024');
  if (out === text) throw new Error('the edit changed nothing');
  return out;
};

/**
 * Runs the suite on one store (one test file per store, so the two run side by side: each
 * spawns the real CLI some twenty times).
 */
export async function tamperCliSuite(store: StoreVariant['name']): Promise<void> {
  const variant = (await storeVariants()).find((v) => v.name === store);
  if (!variant) throw new Error(`no store variant ${store}`);
  describe.skipIf(!variant.available)(
    `audit verify (the real CLI) on ${variant.name} ${variant.skipReason}`,
    () => {
      const work = mkdtempSync(join(tmpdir(), 'chipexport-tamper-'));
      const checkpointDir = join(work, 'checkpoints');
      const pristineCheckpoints = join(work, 'checkpoints-pristine');
      const evidenceFile = join(work, 'evidence-checkpoint.txt');
      let options: StoreOptions;
      let env: Record<string, string>;
      let licenseId = '';
      let requestId = '';
      let shipmentId = '';
      let size = 0;
      let firstCheckpointSize = 0;

      const withDb = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
        const store = await openStore(options);
        try {
          return await fn(store.db);
        } finally {
          await store.close();
        }
      };

      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', ...args], {
          env: { ...process.env, ...env },
          encoding: 'utf8',
          timeout: 120_000,
        });

      beforeAll(async () => {
        options =
          variant.name === 'pglite'
            ? { dataDir: join(work, 'data') }
            : { ...variant.options(), dataDir: work };
        env = {
          CHIPEXPORT_AUDIT_KEY: KEY_PEM,
          CHIPEXPORT_CHECKPOINT_DIR: checkpointDir,
          CHIPEXPORT_DATA_DIR: options.dataDir!,
          ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
          ...(options.schema ? { CHIPEXPORT_DB_SCHEMA: options.schema } : {}),
        };
        const signer = loadAuditSigner(work, { keyPem: KEY_PEM, checkpointDir });
        const ledger = await openLedger(options, { signer, now: () => new Date('2025-06-02T12:00:00Z') });
        try {
          const { ctx } = ledger;
          await createOrganization(ctx, { name: 'Chipmaker Inc', role: 'exporter', country: 'US' }, SYSTEM);
          await createOrganization(ctx, { name: 'BIS', role: 'regulator', country: 'US' }, SYSTEM);
          const exporter = await authenticate(ctx.db, (await createApiKey(ctx, 'Chipmaker Inc')).key);
          const regulator = await authenticate(ctx.db, (await createApiKey(ctx, 'BIS')).key);
          const r = await submitRequest(ctx, exporter, { framework: DIFFUSION, request: gb300(1000) });
          requestId = r.id;
          const decided = await decideRequest(ctx, regulator, r.id, { decision: 'approve', note: 'ok' });
          licenseId = decided.licenseId!;
          firstCheckpointSize = (await ctx.audit.head()).size;
          // The checkpoint an evidence bundle carries, saved by its recipient.
          writeFileSync(evidenceFile, await checkpoint(ctx.db, ctx.audit, signer));
          shipmentId = (await recordShipment(ctx, exporter, { licenseId, chips: 100 })).id;
          await recordShipment(ctx, exporter, { licenseId, chips: 50 });
          await submitRequest(ctx, exporter, { framework: DIFFUSION, request: gb300(200) });
          // serve's periodic checkpointer anchors what was appended since.
          const auto = startAutoCheckpoint(ctx.db, ctx.audit, signer, { intervalMs: 0 });
          await auto.tick();
          await auto.stop();
          size = (await ctx.audit.head()).size;
          expect((await verifyAudit(ctx, regulator, signer)).ok).toBe(true);
        } finally {
          await ledger.close();
        }
        cpSync(checkpointDir, pristineCheckpoints, { recursive: true });
        await withDb(async (db) => {
          for (const t of TABLES)
            await sql`create table ${sql.id(`pristine_${t}`)} as select * from ${sql.id(t)}`.execute(db);
        });
      }, 240_000);

      afterAll(async () => {
        if (options?.databaseUrl) await variant.cleanup(options);
        rmSync(work, { recursive: true, force: true });
      });

      /** Tampers, runs the CLI, puts everything back. */
      async function tampered(
        mutate: (db: Db) => Promise<void>,
        args: string[] = ['verify'],
        files?: () => void,
      ) {
        await withDb(mutate);
        files?.();
        try {
          return cli(...args);
        } finally {
          await withDb((db) =>
            db.transaction().execute(async (tx) => {
              // Rows go back as they were; foreign keys are not re-checked meanwhile.
              await sql`set local session_replication_role = replica`.execute(tx);
              for (const t of TABLES) {
                await sql`delete from ${sql.id(t)}`.execute(tx);
                await sql`insert into ${sql.id(t)} select * from ${sql.id(`pristine_${t}`)}`.execute(tx);
              }
            }),
          );
          rmSync(checkpointDir, { recursive: true, force: true });
          cpSync(pristineCheckpoints, checkpointDir, { recursive: true });
        }
      }

      const expectFailure = (run: ReturnType<typeof cli>, problem: string, mention?: string) => {
        expect(run.stdout, run.stderr).toContain('audit log FAILED');
        expect(run.stdout).toContain(problem);
        if (mention) expect(run.stdout).toContain(mention);
        expect(run.status, run.stdout).toBe(1);
      };

      it('exits 0 on the untouched log, and signs nothing while verifying', async () => {
        const before = await withDb((db) => db.selectFrom('audit_checkpoints').select('size').execute());
        const run = cli('verify');
        expect(run.stdout, run.stderr).toContain(`audit log OK: ${size} entries`);
        expect(run.status).toBe(0);
        const after = await withDb((db) => db.selectFrom('audit_checkpoints').select('size').execute());
        expect(after).toEqual(before);
      }, 120_000);

      it('1. an entry rewritten with every later recorded root recomputed: named against the signed checkpoints', async () => {
        const run = await tampered((db) => rewriteEntry(db, 2, backdate));
        expectFailure(run, 'checkpoint-mismatch');
      }, 120_000);

      it('2. the same rewrite after deleting every stored checkpoint: named against the exported ones', async () => {
        const run = await tampered(async (db) => {
          await rewriteEntry(db, 2, backdate);
          await db.deleteFrom('audit_checkpoints').execute();
        });
        expectFailure(run, 'checkpoint-mismatch', 'checkpoint file');
      }, 120_000);

      it('3. with no checkpoint left anywhere but an evidence bundle’s: audit verify --checkpoint FILE names it', async () => {
        const clean = await tampered(
          async (db) => {
            await rewriteEntry(db, 2, backdate);
            await db.deleteFrom('audit_checkpoints').execute();
          },
          ['verify'],
          () => rmSync(checkpointDir, { recursive: true, force: true }),
        );
        // Nothing left to compare with: the table is self-consistent, and says what is unanchored.
        expect(clean.stdout).toContain('not yet under a signed checkpoint');
        const run = await tampered(
          async (db) => {
            await rewriteEntry(db, 2, backdate);
            await db.deleteFrom('audit_checkpoints').execute();
          },
          ['verify', '--checkpoint', evidenceFile],
          () => rmSync(checkpointDir, { recursive: true, force: true }),
        );
        expectFailure(run, 'checkpoint-mismatch', evidenceFile);
      }, 120_000);

      it('4. an entry appended after the last manual checkpoint, rewritten: the periodic checkpoint anchors it', async () => {
        const run = await tampered(async (db) => {
          await rewriteEntry(db, size - 1, backdate);
          await db.deleteFrom('audit_checkpoints').execute();
        });
        expect(size - 1).toBeGreaterThanOrEqual(firstCheckpointSize);
        expectFailure(run, 'checkpoint-mismatch');
      }, 120_000);

      it('5. the log’s tail deleted with its head and stored checkpoints: truncated', async () => {
        const run = await tampered(async (db) => {
          await db
            .deleteFrom('audit_entries')
            .where('idx', '>=', size - 3)
            .execute();
          await db
            .updateTable('audit_head')
            .set({ size: size - 3 })
            .execute();
          await db.deleteFrom('audit_checkpoints').execute();
        });
        expectFailure(run, 'truncated', `entries ${size - 3}–${size - 1} are gone`);
      }, 120_000);

      it('6. a licence limit ×10 in its table, the log untouched: ledger-mismatch names the row', async () => {
        const run = await tampered(async (db) => {
          await sql`update licenses set limit_chips = limit_chips * 10, limit_tpp = limit_tpp * 10 where id = ${licenseId}`.execute(
            db,
          );
        });
        expectFailure(run, 'ledger-mismatch', `licenses ${licenseId} limit_chips`);
      }, 120_000);

      it('7. a shipment deleted and its licence’s drawn amount put back: both named', async () => {
        const run = await tampered(async (db) => {
          await db.deleteFrom('quota_draws').where('shipment_id', '=', shipmentId).execute();
          await db.deleteFrom('shipments').where('id', '=', shipmentId).execute();
          await sql`update licenses set used_chips = used_chips - 100 where id = ${licenseId}`.execute(db);
        });
        expectFailure(
          run,
          'ledger-mismatch',
          `shipments ${shipmentId} is in the audit log but not in the table`,
        );
        expect(run.stdout).toContain(`licenses ${licenseId} used_chips`);
      }, 120_000);

      it('8. a request’s status edited in SQL (determined → approved): named', async () => {
        const run = await tampered(async (db) => {
          await db.updateTable('requests').set({ status: 'approved' }).where('id', '!=', requestId).execute();
        });
        expectFailure(
          run,
          'ledger-mismatch',
          'status is approved in the table but determined by the audit log',
        );
      }, 120_000);

      it('9. an entry’s subject column edited to show it to another organization: subject-altered', async () => {
        const run = await tampered(async (db) => {
          await db
            .updateTable('audit_entries')
            .set({ subject_org: 'org_someone_else' })
            .where('idx', '=', 3)
            .execute();
        });
        expectFailure(run, 'subject-altered');
      }, 120_000);

      it('audit checkpoint refuses to sign over a tampered log, and the checkpoint directory is untouched', async () => {
        const run = await tampered((db) => rewriteEntry(db, 2, backdate), ['checkpoint']);
        expect(run.status).toBe(1);
        expect(run.stdout).toContain('checkpoint-mismatch');
        expect(readdirSync(checkpointDir).sort()).toEqual(readdirSync(pristineCheckpoints).sort());
      }, 120_000);
    },
  );
}
