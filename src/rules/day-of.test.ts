/**
 * The two day-number implementations — the arithmetic `dayOf` the engine uses per determination
 * and `dayNumber` (`Date.UTC`) — under one suite (test/support/date-suite.ts): every accepted
 * date, the edges, and the strings `parseIsoDate` rejects.
 */
import { dateSuite } from '../../test/support/date-suite.js';
import { dayNumber } from '../domain/dates.js';
import { dayOf } from './framework.js';

dateSuite({ name: 'dayNumber (Date.UTC, src/domain/dates.ts)', dayNumber });
dateSuite({ name: 'dayOf (arithmetic, src/rules/framework.ts)', dayNumber: dayOf });
