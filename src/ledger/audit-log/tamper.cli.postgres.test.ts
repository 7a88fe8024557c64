import { tamperCliSuite } from '../../../test/support/tamper-cli-suite.js';

// The tamper suite (test/support/tamper-cli-suite.ts) against the real CLI on the PostgreSQL server.
await tamperCliSuite('postgres');
