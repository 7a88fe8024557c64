import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { leafHash } from '../../audit/index.js';
import { readAuditEntry, verifyAudit } from '../../ledger/audit.js';
import { checkpoint, leafHashes, storedEntry } from '../../ledger/audit-log/index.js';
import { LedgerError } from '../../ledger/errors.js';
import type { Ledger } from '../../ledger/ledger.js';
import { principalOf } from '../auth.js';
import {
  ConsistencyQuery,
  errors,
  InclusionQuery,
  IndexParams,
  LeafHashResponse,
  LeafRangeQuery,
  ProofResponse,
  VerifyResponse,
} from '../schemas.js';

const TEXT = 'text/plain; charset=utf-8';
const base64 = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('base64'));

function badQuery(field: string, message: string): LedgerError {
  return new LedgerError('bad_request', message, [field]);
}

/** The tamper-evident audit log: checkpoints, entries and proofs (any authenticated role). */
export const auditRoutes: FastifyPluginAsyncZod<{ ledger: Ledger }> = async (app, { ledger }) => {
  const audit = ledger.ctx.audit;

  app.get(
    '/audit/checkpoint',
    {
      schema: {
        tags: ['audit'],
        summary: 'A signed checkpoint of the log as it is now (C2SP tlog-checkpoint signed note)',
        description:
          'Origin line, tree size, base64 RFC 6962 root hash, blank line, signature line. The ' +
          'checkpoint is also stored, so later verification checks the log against it.',
        produces: ['text/plain'],
        response: { 200: z.string(), ...errors(401) },
      },
    },
    async (_request, reply) => reply.type(TEXT).send(await checkpoint(ledger.ctx.db, audit, ledger.signer)),
  );

  app.get(
    '/audit/key',
    {
      schema: {
        tags: ['audit'],
        summary: "The log's public key as a C2SP signed-note verifier key",
        description: '`<name>+<8 hex digits of key hash>+<base64(0x01 ‖ Ed25519 public key)>`',
        produces: ['text/plain'],
        response: { 200: z.string(), ...errors(401) },
      },
    },
    async (_request, reply) => reply.type(TEXT).send(ledger.signer.verifierKey),
  );

  app.get(
    '/audit/entries/:index',
    {
      schema: {
        tags: ['audit'],
        summary: "One entry's canonical JSON bytes (its leaf hash is SHA-256(0x00 ‖ bytes))",
        description:
          "Only for whoever may read the entry's subject: its organization, the regulator, auditors, and " +
          'a host government for its country (403 otherwise). Every leaf carries a random salt, so its ' +
          'hash (GET /v1/audit/entries/{index}/hash, any key) reveals nothing of the record.',
        params: IndexParams,
        produces: ['application/octet-stream'],
        response: { 200: z.any().describe('the leaf bytes'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const leaf = await readAuditEntry(ledger.ctx, principalOf(request), request.params.index);
      return reply.type('application/octet-stream').send(Buffer.from(leaf));
    },
  );

  app.get(
    '/audit/entries/:index/hash',
    {
      schema: {
        tags: ['audit'],
        summary: "One entry's RFC 6962 leaf hash (any key)",
        params: IndexParams,
        response: { 200: LeafHashResponse, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const { index } = request.params;
      const entry = await storedEntry(ledger.ctx.db, index);
      if (!entry) {
        const { size } = await audit.head();
        throw new LedgerError('not_found', `no audit entry ${index}; the log has ${size} entries`, ['index']);
      }
      return { index, leafHash: Buffer.from(leafHash(entry.leaf)).toString('base64') };
    },
  );

  app.get(
    '/audit/leaf-hashes',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Leaf hashes of entries `start` to `end - 1` (any key; at most 1000): enough to recompute the tree',
        querystring: LeafRangeQuery,
        response: { 200: ProofResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { start, end } = request.query;
      const head = await audit.head();
      if (end > head.size) throw badQuery('end', `the log has ${head.size} entries; ${end} asked`);
      if (start > end) throw badQuery('start', `must not exceed end (${end})`);
      if (end - start > 1000) throw badQuery('end', 'at most 1000 leaf hashes per call');
      return { hashes: base64(await leafHashes(ledger.ctx.db, start, end)) };
    },
  );

  app.get(
    '/audit/proof/inclusion',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 9162 inclusion proof of entry `index` in the tree of `size` entries',
        querystring: InclusionQuery,
        response: { 200: ProofResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { index, size } = request.query;
      const head = await audit.head();
      if (size < 1) throw badQuery('size', 'must be at least 1');
      if (size > head.size) throw badQuery('size', `the log has ${head.size} entries; ${size} asked`);
      if (index >= size) throw badQuery('index', `must be less than size (${size})`);
      return { hashes: base64(await audit.inclusionProof(index, size)) };
    },
  );

  app.get(
    '/audit/proof/consistency',
    {
      schema: {
        tags: ['audit'],
        summary: 'RFC 9162 consistency proof that the tree of `from` entries is a prefix of that of `to`',
        querystring: ConsistencyQuery,
        response: { 200: ProofResponse, ...errors(400, 401) },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const head = await audit.head();
      if (from < 1) throw badQuery('from', 'must be at least 1 (every tree extends the empty one)');
      if (to > head.size) throw badQuery('to', `the log has ${head.size} entries; ${to} asked`);
      if (from > to) throw badQuery('from', `must not exceed to (${to})`);
      return { hashes: base64(await audit.consistencyProof(from, to)) };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the whole log and check every stored checkpoint (regulator, auditor)',
        response: { 200: VerifyResponse, ...errors(401, 403) },
      },
    },
    async (request) => verifyAudit(ledger.ctx, principalOf(request), ledger.signer),
  );
};
