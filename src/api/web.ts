import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The dashboard (web/, built by Vite into dist/web) on the API's origin. Built code runs from
 * dist/api, so the assets are at ../web; from source (tests, tsx) they are at ../../dist/web.
 */
export function defaultWebRoot(): string | null {
  for (const candidate of ['../web/', '../../dist/web/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}

export interface DemoAccount {
  organization: string;
  role: string;
  key: string;
}

export async function registerWeb(
  app: FastifyInstance,
  webRoot: string | null,
  demoAccounts: (() => DemoAccount[]) | undefined,
): Promise<void> {
  // The demo's keys, for one-click sign-in: only when the service was started with --demo.
  app.get('/demo/accounts', { schema: { hide: true } }, async (request, reply) => {
    if (!demoAccounts)
      return reply.status(404).send({ error: { code: 'not_found', message: 'not a demo', path: [] } });
    // Every demo key, the regulator's included: only to a browser on this machine, never
    // through a proxy (which would make a remote caller look local).
    if (
      !isLoopback(request.socket.remoteAddress) ||
      request.headers['x-forwarded-for'] ||
      request.headers.forwarded
    ) {
      return reply.status(403).send({
        error: {
          code: 'forbidden',
          message: 'the demo accounts are offered only on this machine (loopback)',
          path: [],
        },
      });
    }
    return { accounts: demoAccounts() };
  });
  if (!webRoot) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('chipexport API: the dashboard is not built (npm run build). API docs at /docs.\n'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Hashed asset names may be cached for good; index.html must not be.
    setHeaders: (res, path) => {
      res.setHeader(
        'cache-control',
        path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
}

/** 127.0.0.0/8 and ::1 (also IPv4-mapped). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
