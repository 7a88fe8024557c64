import { describe, expect, it } from 'vitest';
import { storeVariants } from '../../test/support/stores.js';
import { openLedger } from '../ledger/ledger.js';
import { createApiKey, createOrganization } from '../ledger/organizations.js';
import { DEMO_KEY_LABEL } from '../ledger/principal.js';
import { buildServer } from './server.js';
import { isLoopback } from './web.js';

/**
 * Issue 14, item 8: `/demo/accounts` handed every demo key (the regulator's included) to anyone,
 * and the keys stayed valid after a restart without --demo.
 */
const variants = await storeVariants();

for (const variant of variants) {
  describe.skipIf(!variant.available)(`demo keys on ${variant.name} ${variant.skipReason}`, () => {
    it('work only while the server runs with --demo; the accounts only on loopback', async () => {
      const options = variant.options();
      const ledger = await openLedger(options);
      try {
        await createOrganization(ledger.ctx, { name: 'BIS demo', role: 'regulator', country: 'US' });
        const demoKey = (await createApiKey(ledger.ctx, 'BIS demo', DEMO_KEY_LABEL)).key;
        const ownKey = (await createApiKey(ledger.ctx, 'BIS demo')).key;
        const accounts = () => [{ organization: 'BIS demo', role: 'regulator', key: demoKey }];
        const auth = (key: string) => ({ authorization: `Bearer ${key}` });

        const demo = await buildServer(ledger, { webRoot: null, demoAccounts: accounts });
        const plain = await buildServer(ledger, { webRoot: null });
        try {
          // With --demo: the demo key works, and the sign-in page gets the accounts from this machine.
          expect((await demo.inject({ url: '/v1/organizations', headers: auth(demoKey) })).statusCode).toBe(
            200,
          );
          const local = await demo.inject({ url: '/demo/accounts' });
          expect(local.statusCode).toBe(200);
          expect(local.json().accounts[0].key).toBe(demoKey);
          // From another machine, or through a proxy: refused, no key in the answer.
          for (const request of [
            { url: '/demo/accounts', remoteAddress: '203.0.113.7' },
            { url: '/demo/accounts', headers: { 'x-forwarded-for': '203.0.113.7' } },
          ]) {
            const res = await demo.inject(request);
            expect(res.statusCode).toBe(403);
            expect(res.body).not.toContain(demoKey);
          }
          // Restarted without --demo: the demo key is refused, an ordinary key still works.
          const refused = await plain.inject({ url: '/v1/organizations', headers: auth(demoKey) });
          expect(refused.statusCode).toBe(401);
          expect(refused.json().error.message).toContain('only while the service runs with --demo');
          expect((await plain.inject({ url: '/v1/organizations', headers: auth(ownKey) })).statusCode).toBe(
            200,
          );
          expect((await plain.inject({ url: '/demo/accounts' })).statusCode).toBe(404);
        } finally {
          await demo.close();
          await plain.close();
        }
      } finally {
        await ledger.close();
        await variant.cleanup(options);
      }
    }, 60_000);
  });
}

describe('isLoopback', () => {
  it('knows 127/8, ::1 and IPv4-mapped loopback, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', '', undefined, 'fe80::1'])
      expect(isLoopback(a)).toBe(false);
  });
});
