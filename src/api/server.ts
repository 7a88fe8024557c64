import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  type FastifyPluginAsyncZod,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { JobRegistry } from '../jobs/registry.js';
import type { Ledger } from '../ledger/ledger.js';
import {
  type CheckInIntake,
  type CheckInPublisher,
  InProcessCheckInIntake,
  QueuedCheckInIntake,
} from '../ledger/monitoring/index.js';
import { authenticateRequest } from './auth.js';
import { finishContract } from './contract.js';
import { errorBody, renderError, zodValidatorCompilerFor } from './errors.js';
import { type RateLimit, type ReadinessCheck, registerHygiene, registerReadiness } from './hygiene.js';
import { Metrics } from './metrics.js';
import { agreementRoutes } from './routes/agreements.js';
import { auditRoutes } from './routes/audit.js';
import { catalogRoutes } from './routes/catalog.js';
import { jobRoutes } from './routes/jobs.js';
import { licenseRoutes } from './routes/licenses.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { reportRoutes } from './routes/reports.js';
import { requestRoutes } from './routes/requests.js';
import { ruleRoutes } from './routes/rules.js';
import { screeningRoutes } from './routes/screening.js';
import { sessionRoutes } from './routes/session.js';
import { summaryRoutes } from './routes/summary.js';
import { apiSchemas, ERROR_DESCRIPTIONS, errors, HealthResponse } from './schemas.js';
import { type DemoAccount, defaultWebRoot, registerWeb } from './web.js';

const componentsOf = createJsonSchemaTransformObject({ schemaRegistry: apiSchemas });

type Operation = { responses?: Record<string, { description?: string; content?: Record<string, unknown> }> };

const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: queued (a check-in) or started (a job: poll GET /v1/jobs/:id)',
};

/**
 * Every response says what its status means, and error responses are JSON whatever a route
 * sends on success (`produces` applies to all of a route's responses in @fastify/swagger).
 */
function polishResponses<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (Number(status) < 400) {
          if (response.description === 'Default Response') {
            response.description = SUCCESS_DESCRIPTIONS[status] ?? response.description;
          }
          continue;
        }
        response.description = ERROR_DESCRIPTIONS[Number(status)] ?? 'error';
        if (response.content && !response.content['application/json']) {
          response.content = { 'application/json': Object.values(response.content)[0] };
        }
      }
    }
  }
  return document;
}

export type { CheckInPublisher, CheckInRoute } from '../ledger/monitoring/index.js';

export interface ServerOptions {
  /** Publish check-ins to a queue for `chipexport monitor worker` (serve --nats); in-process when omitted. */
  checkinPublisher?: CheckInPublisher;
  /**
   * How POST /v1/checkins takes check-ins (default: a QueuedCheckInIntake over `checkinPublisher`
   * when given, else an InProcessCheckInIntake over the ledger, closed with the server).
   */
  checkinIntake?: CheckInIntake;
  /**
   * Fastify's request logging: JSON lines (pino) to stdout, each with the request's id;
   * off by default, when only internal errors are logged (to stderr).
   */
  logger?: boolean;
  /** pino level when `logger` is on (default info). */
  logLevel?: string;
  /** Where the JSON log lines go when `logger` is on (default stdout). */
  logStream?: { write(line: string): void };
  /** What GET /metrics reports (default: a registry of this server's own). */
  metrics?: Metrics;
  /** The built dashboard to serve at `/`; default dist/web when built, null for none. */
  webRoot?: string | null;
  /**
   * The demo organizations' keys, offered on the sign-in page (serve --demo only). Without it the
   * demo keys are refused: they work only while the demo runs.
   */
  demoAccounts?: () => DemoAccount[];
  /** Where long operations run (default: a registry over the ledger's store, closed with the server). */
  jobs?: JobRegistry;
  /** Per-key rate limit (serve --rate-limit); none when omitted. */
  rateLimit?: RateLimit;
  /** Dependencies GET /readyz checks besides the store (NATS when check-ins are queued there). */
  readiness?: ReadinessCheck[];
}

/** What an X-Request-Id header must look like to be kept as the request's id. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/** Everything under `/v1` needs an API key; authorization is decided by the ledger functions. */
const v1: FastifyPluginAsyncZod<{
  ledger: Ledger;
  jobs: JobRegistry;
  checkinIntake: CheckInIntake;
  allowDemoKeys: boolean;
}> = async (app, { ledger, jobs, checkinIntake, allowDemoKeys }) => {
  app.addHook('onRequest', authenticateRequest(ledger.ctx.db, { allowDemoKeys }));
  await app.register(requestRoutes, { ledger });
  await app.register(licenseRoutes, { ledger });
  await app.register(agreementRoutes, { ledger });
  await app.register(ruleRoutes, { ledger });
  await app.register(auditRoutes, { ledger });
  await app.register(screeningRoutes, { ledger, jobs });
  await app.register(monitoringRoutes, { ledger, checkinIntake });
  await app.register(sessionRoutes, { ledger });
  await app.register(catalogRoutes, { ledger });
  await app.register(jobRoutes, { ledger, jobs });
  await app.register(reportRoutes, { ledger });
  await app.register(summaryRoutes, { ledger });
};

/**
 * The HTTP API over a ledger (spec/contracts.md, "HTTP API"). Every error, whatever its cause,
 * is `{"error": {"code", "message", "path"}}` with its status; never a stack trace.
 */
export async function buildServer(ledger: Ledger, options: ServerOptions = {}): Promise<FastifyInstance> {
  // Without request logging, internal errors are still logged (to stderr): they are never sent.
  const logger = options.logger
    ? { level: options.logLevel ?? 'info', ...(options.logStream ? { stream: options.logStream } : {}) }
    : { level: 'error', stream: process.stderr };
  const app = Fastify({
    logger,
    // A caller's own request id (X-Request-Id, if it looks like one) is kept, so one id follows
    // a request through proxies and logs; otherwise a new UUID. Every log line about the request
    // carries it as `requestId`, and so does the response's X-Request-Id header.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Bounded time to receive a request (a list import may be tens of MB on a slow link); the
    // work each request makes is bounded by the input limits (src/domain/limits.ts).
    requestTimeout: 120_000,
    connectionTimeout: 130_000,
  }).withTypeProvider<ZodTypeProvider>();
  const metrics = options.metrics ?? new Metrics(ledger);
  app.decorate('metrics', metrics);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  if (!options.metrics) app.addHook('onClose', async () => metrics.close());
  app.setValidatorCompiler(zodValidatorCompilerFor(ledger.ctx.registry));
  app.setSerializerCompiler(serializerCompiler);
  // JSON in, always: a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((error, request, reply) => {
    const rendered = renderError(error);
    if (rendered.internal) request.log.error({ err: error }, 'internal error');
    if (rendered.status === 401) reply.header('www-authenticate', 'Bearer');
    return reply.status(rendered.status).type('application/json; charset=utf-8').send(rendered.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/json; charset=utf-8')
      .send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  await registerHygiene(app, { rateLimit: options.rateLimit });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'chipexport API',
        version: '1',
        description:
          'U.S. export controls on advanced AI chips: export requests and their determinations, ' +
          'licenses, shipments against licenses and quotas, government-to-government agreements, ' +
          'and a tamper-evident audit log with signed checkpoints. Errors are always ' +
          '`{"error": {"code", "message", "path"}}`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key: `chipexport keys create --org NAME --role ROLE`',
          },
        },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiSchemas }),
    transformObject: (input) =>
      'openapiObject' in input ? finishContract(polishResponses(componentsOf(input))) : input.swaggerObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness: the service answers and its store does (no key needed)',
        security: [],
        response: { 200: HealthResponse, ...errors(503) },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(ledger.ctx.db);
      } catch (error) {
        request.log.error({ err: error }, 'store check failed');
        return reply.status(503).send(errorBody('store_unavailable', 'the store does not answer'));
      }
      return { ok: true, store: ledger.store.kind };
    },
  );

  registerReadiness(app, ledger, options.readiness ?? []);
  const jobs = options.jobs ?? new JobRegistry(ledger.ctx.db);
  if (!options.jobs) app.addHook('onClose', () => jobs.close());
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['service'],
        summary: 'Operational metrics in the Prometheus text format (no key needed)',
        description:
          'Request rates and latency by route, check-ins ingested and verification failures by ' +
          'kind, JetStream consumer lag (with NATS), audit integrator delay and tree size.',
        security: [],
        produces: ['text/plain'],
        response: { 200: z.string(), ...errors(503) },
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()),
  );

  const checkinIntake =
    options.checkinIntake ??
    (options.checkinPublisher
      ? new QueuedCheckInIntake(ledger.ctx, options.checkinPublisher)
      : new InProcessCheckInIntake(ledger.ctx));
  if (!options.checkinIntake) app.addHook('onClose', () => checkinIntake.close());
  await app.register(v1, {
    prefix: '/v1',
    ledger,
    jobs,
    checkinIntake,
    allowDemoKeys: options.demoAccounts !== undefined,
  });
  await registerWeb(
    app,
    options.webRoot === undefined ? defaultWebRoot() : options.webRoot,
    options.demoAccounts,
  );
  await app.ready();
  return app;
}
