import { readFileSync } from 'node:fs';
import { leafHash, parseCheckpoint } from '../audit/index.js';
import { InputError } from '../domain/errors.js';
import { registry } from '../frameworks/registry.js';
import { verifyLedgerAudit } from '../ledger/audit.js';
import type { CheckpointSource, VerifyResult } from '../ledger/audit-log/index.js';
import { checkpoint } from '../ledger/audit-log/index.js';
import { type Ledger, openLedger } from '../ledger/ledger.js';
import { createApiKey, createOrganization } from '../ledger/organizations.js';
import { ROLES, type Role, SYSTEM } from '../ledger/principal.js';
import { replayRequest } from '../ledger/requests/index.js';
import { c } from './format.js';
import { type Output, ReportedFailure } from './io.js';

/** Opens the ledger the way `serve` does: DATABASE_URL, else the data directory. */
export async function withLedger<T>(fn: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openLedger();
  try {
    return await fn(ledger);
  } finally {
    await ledger.close();
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function parseIndex(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw InputError.single('invalid_number', [field], `"${text}" is not a non-negative whole number`);
  return n;
}

/** `chipexport keys create --org NAME --role ROLE`: prints a new key (creating the organization if needed). */
export async function runKeysCreate(options: { org?: string; role?: string; country?: string }, io: Output) {
  if (!options.org) throw InputError.single('missing_argument', ['--org'], 'is required');
  if (options.role !== undefined && !ROLES.includes(options.role as Role)) {
    throw InputError.single('invalid_role', ['--role'], `must be one of ${ROLES.join(', ')}`);
  }
  await withLedger(async (ledger) => {
    const existing = await ledger.ctx.db
      .selectFrom('organizations')
      .selectAll()
      .where('name', '=', options.org!)
      .executeTakeFirst();
    if (!existing) {
      if (!options.role)
        throw InputError.single(
          'missing_argument',
          ['--role'],
          `is required to create the organization "${options.org}"`,
        );
      await createOrganization(
        ledger.ctx,
        { name: options.org!, role: options.role as Role, country: options.country ?? null },
        SYSTEM,
      );
    } else if (options.role && existing.role !== options.role) {
      throw InputError.single(
        'role_mismatch',
        ['--role'],
        `organization "${options.org}" exists with the role ${existing.role}`,
      );
    }
    const { key, organization } = await createApiKey(ledger.ctx, options.org!);
    io.out(JSON.stringify({ organization: organization.name, role: organization.role, key }));
  });
}

/** `audit verify` found a problem: the CLI exits 1 (the report is already printed). */
export class AuditVerificationFailed extends ReportedFailure {
  constructor(readonly result: VerifyResult) {
    super(`audit log FAILED at entry ${result.firstProblem?.index}: ${result.firstProblem?.problem}`);
    this.name = 'AuditVerificationFailed';
  }
}

/**
 * Checkpoints kept outside the database, from `--checkpoint FILE` (repeatable): a signed note, or
 * an evidence bundle (JSON with `audit.checkpoint`, GET /v1/requests/{id}/evidence).
 */
export function readCheckpointFiles(files: readonly string[]): CheckpointSource[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw InputError.single(
        'unreadable_file',
        ['--checkpoint'],
        `${file}: ${code === 'ENOENT' ? 'no such file' : 'cannot be read'}`,
      );
    }
    let note = text;
    if (text.trimStart().startsWith('{')) {
      let bundle: { audit?: { checkpoint?: unknown } };
      try {
        bundle = JSON.parse(text) as typeof bundle;
      } catch (error) {
        throw InputError.single(
          'invalid_json',
          ['--checkpoint'],
          `${file} is not valid JSON: ${(error as Error).message}`,
        );
      }
      if (typeof bundle.audit?.checkpoint !== 'string') {
        throw InputError.single(
          'invalid_checkpoint',
          ['--checkpoint'],
          `${file} is JSON without audit.checkpoint (an evidence bundle)`,
        );
      }
      note = bundle.audit.checkpoint;
    }
    try {
      parseCheckpoint(note);
    } catch (error) {
      throw InputError.single('invalid_checkpoint', ['--checkpoint'], `${file}: ${(error as Error).message}`);
    }
    return { source: `checkpoint file ${file}`, note };
  });
}

function printVerify(result: VerifyResult, json: boolean | undefined, io: Output) {
  const out = { ...result, root: b64(result.root) };
  if (json) io.out(JSON.stringify(out, null, 2));
  else if (result.ok) {
    io.out(
      `audit log OK: ${result.size} entries, root ${out.root}, ${result.checkpointsChecked} signed checkpoints checked` +
        (result.anchoredSize < result.size
          ? `; entries ${result.anchoredSize}–${result.size - 1} are not yet under a signed checkpoint`
          : ''),
    );
  } else {
    io.out(`audit log FAILED: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
    for (const p of result.problems) io.out(`  entry ${p.index}: ${p.problem} — ${p.detail}`);
  }
}

export async function runAudit(
  action: string,
  index: string | undefined,
  options: { size?: string; json?: boolean; checkpoint?: string[] },
  io: Output,
) {
  const external = readCheckpointFiles(options.checkpoint ?? []);
  await withLedger(async (ledger) => {
    switch (action) {
      case 'checkpoint': {
        // Verify first: never sign over a log that fails any check.
        const result = await verifyLedgerAudit(ledger.ctx.db, ledger.signer, external);
        if (!result.ok) {
          printVerify(result, options.json, io);
          throw new AuditVerificationFailed(result);
        }
        io.out(await checkpoint(ledger.ctx.db, ledger.ctx.audit, ledger.signer));
        if (!options.json) io.err(c.dim(`verifier key: ${ledger.signer.verifierKey}`));
        return;
      }
      case 'prove': {
        const i = parseIndex(index, 'INDEX');
        if (i === undefined)
          throw InputError.single('missing_argument', ['INDEX'], 'the index of the entry to prove');
        await ledger.ctx.audit.sync();
        const head = await ledger.ctx.audit.head();
        const size = parseIndex(options.size, '--size') ?? head.size;
        if (size > head.size)
          throw InputError.single('invalid_size', ['--size'], `the log has ${head.size} entries`);
        if (i >= size)
          throw InputError.single('invalid_index', ['INDEX'], `must be below the tree size ${size}`);
        const leaf = (await ledger.ctx.audit.entry(i))!;
        const proof = await ledger.ctx.audit.inclusionProof(i, size);
        const note = await checkpoint(ledger.ctx.db, ledger.ctx.audit, ledger.signer);
        io.out(
          JSON.stringify(
            {
              index: i,
              size,
              leaf: Buffer.from(leaf).toString('utf8'),
              leafHash: b64(leafHash(leaf)),
              hashes: proof.map(b64),
              checkpoint: note,
              verifierKey: ledger.signer.verifierKey,
            },
            null,
            2,
          ),
        );
        return;
      }
      case 'verify': {
        // Nothing is signed here: a fresh checkpoint of the state being checked would prove nothing.
        const result = await verifyLedgerAudit(ledger.ctx.db, ledger.signer, external);
        printVerify(result, options.json, io);
        if (!result.ok) throw new AuditVerificationFailed(result);
        return;
      }
      default:
        throw InputError.single('invalid_action', ['ACTION'], 'must be checkpoint, prove or verify');
    }
  });
}

export async function runReplay(
  id: string | undefined,
  options: { json?: boolean; framework?: string; all?: boolean },
  io: Output,
) {
  if ((id === undefined) === !options.all) {
    throw InputError.single('invalid_arguments', ['id'], 'give one request id, or --all');
  }
  if (options.framework !== undefined && !registry.has(options.framework)) {
    throw InputError.single(
      'unknown_framework',
      ['--framework'],
      `unknown framework "${options.framework}"; known: ${registry.ids().join(', ')}`,
    );
  }
  const under = options.framework ? { framework: options.framework } : {};
  await withLedger(async (ledger) => {
    if (options.all) {
      const rows = await ledger.ctx.db.selectFrom('requests').select(['id']).orderBy('id').execute();
      const results = [];
      for (const row of rows) results.push(await replayRequest(ledger.ctx, SYSTEM, row.id, under));
      if (options.json) {
        io.out(JSON.stringify({ replays: results.map(({ determination: _d, ...r }) => r) }, null, 2));
        return;
      }
      const changed = results.filter((r) => r.changed);
      io.out(
        `${results.length} stored requests replayed${options.framework ? ` under ${options.framework}` : ''}, as of their own dates: ${changed.length} answered differently`,
      );
      for (const r of changed) io.out(`  ${r.id} (${r.framework}): ${outcomeLine(r)}`);
      return;
    }
    const result = await replayRequest(ledger.ctx, SYSTEM, id!, under);
    if (options.json) {
      io.out(JSON.stringify(result, null, 2));
      return;
    }
    io.out(
      result.replayedUnder === result.framework
        ? `${id} under ${result.framework}: revision then ${result.revisionThen}, now ${result.revisionNow}`
        : `${id}, stored under ${result.framework} (revision ${result.revisionThen}), replayed under ${result.replayedUnder} (revision ${result.revisionNow}) as of ${result.determination.asOf}`,
    );
    if (!result.changed) {
      io.out(
        c.green(
          result.replayedUnder === result.framework
            ? 'no difference: today’s rules give the same determination'
            : `no difference: ${result.replayedUnder} gives the same answer`,
        ),
      );
    }
    for (const d of result.differences) {
      io.out(
        `${c.bold(d.field)}\n  stored:   ${JSON.stringify(d.stored)}\n  replayed: ${JSON.stringify(d.replayed)}`,
      );
    }
  });
}

function outcomeLine(r: {
  differences: readonly { field: string; stored: unknown; replayed: unknown }[];
}): string {
  return r.differences
    .map((d) => `${d.field} ${JSON.stringify(d.stored)} → ${JSON.stringify(d.replayed)}`)
    .join('; ');
}
