import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkpoint } from '../../audit/signer.js';
import { verifyAudit } from '../../ledger/audit.js';
import { LedgerError } from '../../ledger/errors.js';
import type { Ledger } from '../../ledger/ledger.js';
import { principalOf } from '../auth.js';
import {
  ConsistencyQuery,
  errors,
  InclusionQuery,
  IndexParams,
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
        params: IndexParams,
        produces: ['application/octet-stream'],
        response: { 200: z.any().describe('the leaf bytes'), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { index } = request.params;
      const leaf = await audit.entry(index);
      if (!leaf) {
        const { size } = await audit.head();
        throw new LedgerError('not_found', `no audit entry ${index}; the log has ${size} entries`, ['index']);
      }
      return reply.type('application/octet-stream').send(Buffer.from(leaf));
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
