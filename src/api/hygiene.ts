import { createHash } from 'node:crypto';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { InputError, type InputIssue } from '../domain/errors.js';
import { LIMITS, textIssues } from '../domain/limits.js';
import type { Ledger } from '../ledger/ledger.js';
import { bearerKey } from './auth.js';
import { ErrorBodySchema, errorBody } from './errors.js';

/**
 * HTTP hygiene, from Fastify's own plugins: compression, security headers (with a Content
 * Security Policy the dashboard runs under), optional per-key rate limits, bounded text in every
 * request part, and a readiness probe.
 */

/** A per-key rate limit: at most `max` calls per `windowMs`, per API key (per address without one). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

const PERIODS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000 };

/** "600/minute" (or /second, /hour) → a RateLimit; the `--rate-limit` option and CHIPEXPORT_RATE_LIMIT. */
export function parseRateLimit(text: string, path: (string | number)[] = ['--rate-limit']): RateLimit {
  const match = /^\s*(\d+)\s*\/\s*(second|minute|hour)s?\s*$/i.exec(text);
  const max = Number(match?.[1]);
  if (!match || !Number.isSafeInteger(max) || max < 1) {
    throw InputError.single(
      'invalid_rate_limit',
      path,
      `"${text}" is not a rate limit: give N/second, N/minute or N/hour, N >= 1`,
    );
  }
  return { max, windowMs: PERIODS[match[2]!.toLowerCase()]! };
}

/** Route config: strings allowed to be longer than LIMITS.anyStringChars, by body field. */
declare module 'fastify' {
  interface FastifyContextConfig {
    longText?: Record<string, number>;
  }
}

/**
 * The dashboard's policy: its own scripts, styles and API only; no inline script, no framing,
 * no plugins. Images may be data: (Swagger UI's icons) or blob: (downloads made in the page).
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export async function registerHygiene(
  app: FastifyInstance,
  options: { rateLimit?: RateLimit | undefined },
): Promise<void> {
  // gzip/brotli for bodies of 1 kB and more when the client accepts them (the OpenAPI document
  // is 112 kB, 11 kB gzipped).
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The service is often served over plain HTTP on a private network; HSTS is for the TLS
    // terminator in front of it to send.
    strictTransportSecurity: false,
  });
  // Swagger UI (/docs) injects its own <style> elements: its pages alone may apply inline
  // styles (never inline script).
  const docsPolicy = Object.entries({ ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] })
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join(';');
  app.addHook('onSend', async (request, reply) => {
    if (request.url === '/docs' || request.url.startsWith('/docs/')) {
      reply.header('content-security-policy', docsPolicy);
    }
  });
  if (options.rateLimit) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: options.rateLimit.max,
      timeWindow: options.rateLimit.windowMs,
      // Per key (hashed: the limiter keeps no key in memory); per address for calls without one.
      keyGenerator: (request: FastifyRequest) => {
        const key = bearerKey(request.headers.authorization);
        return key ? `key:${createHash('sha256').update(key).digest('hex')}` : `ip:${request.ip}`;
      },
      // Probes are never limited.
      allowList: (request: FastifyRequest) => request.url === '/healthz' || request.url === '/readyz',
      // Thrown to the error handler, which renders it like Fastify's own 4xx errors.
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(
            `at most ${context.max} calls per ${context.after}; try again in ${Math.ceil(context.ttl / 1000)} s`,
          ),
          { code: 'FST_RATE_LIMITED', statusCode: 429 },
        ),
    });
  }
  // Every string of the body, the query and the path: no NUL or lone surrogate, and bounded in
  // length (the route's schema then applies its own, tighter, limits).
  app.addHook('preValidation', async (request) => {
    const longer = new Map(Object.entries(request.routeOptions.config?.longText ?? {}));
    const issues: InputIssue[] = [
      ...textIssues(request.params, LIMITS.idChars),
      ...textIssues(request.query, LIMITS.anyStringChars),
      ...textIssues(request.body, LIMITS.anyStringChars, longer),
    ];
    if (issues.length > 0) throw new InputError(issues);
  });
}

/** Something the service depends on, checked by GET /readyz. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** `GET /readyz`: 200 when the store and every configured dependency (NATS) answer, else 503 naming them. */
export function registerReadiness(app: FastifyInstance, ledger: Ledger, checks: ReadinessCheck[]): void {
  const all: ReadinessCheck[] = [
    {
      name: 'store',
      check: async () => {
        await sql`select 1`.execute(ledger.ctx.db);
      },
    },
    ...checks,
  ];
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['service'],
        summary: 'Readiness: the store answers, and NATS when check-ins are queued there (no key needed)',
        security: [],
        response: {
          200: z.object({
            ready: z.literal(true),
            checks: z.record(z.string(), z.literal('ok')).describe('each dependency checked: store, nats'),
          }),
          503: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const results: Record<string, 'ok' | 'unavailable'> = {};
      await Promise.all(
        all.map(async ({ name, check }) => {
          try {
            await withTimeout(check(), 5_000);
            results[name] = 'ok';
          } catch (error) {
            request.log.error({ err: error }, `readiness: ${name} failed`);
            results[name] = 'unavailable';
          }
        }),
      );
      const down = Object.keys(results).filter((name) => results[name] !== 'ok');
      if (down.length > 0) {
        return reply
          .status(503)
          .send(errorBody('not_ready', `not ready: ${down.sort().join(', ')} did not answer`));
      }
      return { ready: true, checks: results };
    },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
