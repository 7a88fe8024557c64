import { InputError } from '../domain/errors.js';

/**
 * Dates and the frameworks that license (issue 14, item 7). The seeds' frameworks are what-ifs
 * (spec/frameworks.md §8): a determination under one is an analysis, and an authorization the
 * service issues under it must not pass for a real one.
 *
 * - The frameworks under which the regulator issues authorizations are a deployment setting
 *   (CHIPEXPORT_LICENSING_FRAMEWORKS, comma-separated; default the export controls as BIS
 *   enforces them, `us-ear-enforced`, referred to by id). `serve --demo` enables all, so the
 *   seeds' licensing systems can be exercised end to end.
 * - An application is recorded as of the service's date: a request dated otherwise (back- or
 *   future-dated) is kept as an analysis, never authorized.
 * - Every licence says whether it rests on the law or on a simulation.
 */

/** The frameworks that are the law as enforced (the rest are simulations of proposals or rescinded rules). */
export const LAW_FRAMEWORKS: readonly string[] = ['us-ear-enforced'];

export const DEFAULT_LICENSING_FRAMEWORKS: readonly string[] = ['us-ear-enforced'];

export interface LicensingSettings {
  /** Frameworks under which authorizations are issued; 'all' for every registered one. */
  readonly frameworks: readonly string[] | 'all';
  /** Whether an application must carry the service's date (UTC). */
  readonly serviceDateOnly: boolean;
}

export function legalBasis(framework: string): 'law' | 'simulation' {
  return LAW_FRAMEWORKS.includes(framework) ? 'law' : 'simulation';
}

/** The deployment's setting for `serve`: the environment's, or every framework under --demo. */
export function licensingForServe(demo: boolean, env: NodeJS.ProcessEnv = process.env): LicensingSettings {
  // The demo exercises the seeds' licensing systems end to end on their own dates (2025–2026);
  // every licence it issues says it rests on a simulation.
  if (demo) return { frameworks: 'all', serviceDateOnly: false };
  const text = env['CHIPEXPORT_LICENSING_FRAMEWORKS'];
  if (text === undefined || text.trim() === '')
    return { frameworks: DEFAULT_LICENSING_FRAMEWORKS, serviceDateOnly: true };
  const ids = text.split(',').map((s) => s.trim());
  if (ids.some((id) => !/^[a-z0-9][a-z0-9-]*$/.test(id))) {
    throw InputError.single(
      'invalid_setting',
      ['CHIPEXPORT_LICENSING_FRAMEWORKS'],
      `"${text}" is not a comma-separated list of framework ids`,
    );
  }
  return { frameworks: ids, serviceDateOnly: true };
}

/**
 * Whether a request is an application (it may be authorized) or an analysis, and why. Without
 * settings (the library, its tests) every request is an application.
 */
export function applicationStanding(
  settings: LicensingSettings | undefined,
  framework: string,
  requestDate: string,
  now: Date,
): { kind: 'application' | 'analysis'; reason: string | null } {
  if (!settings) return { kind: 'application', reason: null };
  if (settings.frameworks !== 'all' && !settings.frameworks.includes(framework)) {
    return {
      kind: 'analysis',
      reason: `authorizations are not issued under ${framework} here (licensing frameworks: ${settings.frameworks.join(', ')})`,
    };
  }
  const today = now.toISOString().slice(0, 10);
  if (settings.serviceDateOnly && requestDate !== today) {
    return {
      kind: 'analysis',
      reason: `the request is dated ${requestDate}; an application is recorded as of the service's date, ${today}`,
    };
  }
  return { kind: 'application', reason: null };
}
