import { tamperCliSuite } from '../../../test/support/tamper-cli-suite.js';

// The tamper suite (test/support/tamper-cli-suite.ts) against the real CLI on the embedded store (PGlite).
await tamperCliSuite('pglite');
