import { formatSimulationTable, runLocate, runSimulate, runSimulateAll } from '../monitoring/index.js';
import { type Output, readJsonInput } from './io.js';

/** `chipexport monitor locate FILE`: the speed-of-light location check, a pure function of its input. */
export function runMonitorLocate(file: string, options: { json?: boolean }, io: Output): void {
  const result = runLocate(readJsonInput(file));
  if (options.json) {
    io.out(JSON.stringify(result, null, 2));
    return;
  }
  io.out(`verdict: ${result.verdict}`);
  for (const b of result.bounds) {
    io.out(
      `  ${b.landmarkId}: within ${b.maxDistanceKm.toFixed(0)} km; declared site at ${b.siteDistanceKm.toFixed(0)} km`,
    );
  }
}

/** `chipexport monitor simulate`: the fleet simulator (one attack, or all with --attack all). */
export function runMonitorSimulate(
  options: { devices?: string; sites?: string; attack?: string; seed?: string; json?: boolean },
  io: Output,
): void {
  const flags = { devices: options.devices, sites: options.sites, seed: options.seed };
  if ((options.attack ?? 'none') === 'all') {
    const summaries = runSimulateAll(flags);
    io.out(options.json ? JSON.stringify(summaries) : formatSimulationTable(summaries));
    return;
  }
  const summary = runSimulate({ ...flags, attack: options.attack ?? 'none' });
  io.out(options.json ? JSON.stringify(summary) : formatSimulationTable([summary]));
}
