// Each command's module is imported when the command runs, so --version and --help load none.
import { Command, CommanderError, Option } from 'commander';
import { InputError, RuleConflictError } from '../domain/errors.js';
import { LedgerError } from '../ledger/errors.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, type Output, processOutput, ReportedFailure } from './io.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(io: Output): Command {
  const program = new Command('chipexport')
    .description(
      'U.S. export controls on advanced AI chips as code: determinations with traces and citations',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('check')
    .description('determine a request (JSON file, or - for stdin) under one framework, several, or all')
    .argument('<file>', 'export request JSON (spec/contracts.md), or - for stdin')
    .option('--framework <ids>', 'framework id, or a comma-separated list (default: all)')
    .option('--as-of <date>', 'evaluate as of this ISO date (overrides the request date)')
    .option('--set <param=value>', 'what-if: set a framework parameter (repeatable)', collect)
    .option('--json', 'print the determination JSON of spec/contracts.md')
    .action(async (file: string, options) => (await import('./check.js')).runCheck(file, options, io));

  program
    .command('classify')
    .description('classify a catalog chip or a custom chip under ECCN 3A090')
    .argument('[chip]', 'catalog chip id, e.g. nvidia-h100-sxm')
    .option('--tpp <n>', 'total processing performance of a custom chip')
    .option('--die-area <mm2>', 'applicable (logic) die area in mm²')
    .option('--non-datacenter', 'the chip is not designed or marketed for data centers')
    .option('--json', 'print JSON')
    .action(async (chip: string | undefined, options) =>
      (await import('./classify.js')).runClassify(chip, options, io),
    );

  program
    .command('frameworks')
    .description('list the frameworks: ids, titles, status timelines, sources, parameters and rules')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./frameworks.js')).runFrameworks(options, io));

  program
    .command('explain')
    .description('show the full trace of a determination as a readable tree')
    .argument('<file>', 'export request JSON, or - for stdin')
    .addOption(new Option('--framework <ids>', 'framework id (default: all)'))
    .option('--as-of <date>', 'evaluate as of this ISO date')
    .option('--json', 'print the trace tree as JSON')
    .action(async (file: string, options) => (await import('./explain.js')).runExplain(file, options, io));

  program
    .command('countries')
    .description('AI Diffusion tier and D:5 membership of a country (name or code), or of all')
    .argument('[country]', 'ISO code or name, e.g. AE or "United Arab Emirates"')
    .option('--as-of <date>', 'date of the groups (default: today)')
    .option('--json', 'print JSON')
    .action(async (country: string | undefined, options) =>
      (await import('./countries.js')).runCountries(country, options, io),
    );

  program
    .command('serve')
    .description('run the ledger and its HTTP API (embedded store, or PostgreSQL when DATABASE_URL is set)')
    .option('--port <n>', 'port to listen on (default 8080, or $PORT)')
    .option('--host <addr>', 'address to listen on (default 127.0.0.1)')
    .option(
      '--demo',
      'seed demo organizations, agreements, requests, licenses and shipments; keys in demo-keys.json',
    )
    .option('--nats <url>', 'queue check-ins on this NATS JetStream server (default $CHIPEXPORT_NATS_URL)')
    .option('--worker', 'with --nats: also process queued check-ins in this process')
    .option('--stream <name>', 'with --nats: JetStream stream (default CHIPEXPORT_CHECKINS)')
    .option('--create-partitions <n>', 'with --nats: partition count if this creates the stream (default 8)')
    .option('--rate-limit <n/period>', 'per API key, e.g. 600/minute (default $CHIPEXPORT_RATE_LIMIT; none)')
    .option(
      '--log-level <level>',
      'JSON request logs to stdout: trace, debug, info, warn, error, fatal or silent (default info, or $CHIPEXPORT_LOG_LEVEL)',
    )
    .action(async (options) => (await import('./serve.js')).runServe(options, io));

  program
    .command('screen')
    .description('screen a name against the restricted-party list in force (or --batch FILE.jsonl)')
    .argument('[name]', 'party name')
    .option('--country <cc>', "the party's country: ranks same-country entries first, never filters")
    .option('--type <type>', 'entity or individual')
    .option('--batch <file>', 'JSON lines of {"name", "country"?}; one result per line, same order')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, options) =>
      (await import('./screen.js')).runScreen(name, options, io),
    );

  program
    .command('portfolio')
    .description('compare a portfolio CSV of planned exports under each framework (docs/portfolio.md)')
    .argument('<file>', 'portfolio CSV, or - for stdin')
    .option('--framework <ids>', 'framework id, or a comma-separated list (default: all)')
    .option('--as-of <date>', 'date of rows without one (default: today)')
    .option('--json', 'print the comparison as JSON (default: CSV, one line per row and framework)')
    .action(async (file: string, options) =>
      (await import('./portfolio.js')).runPortfolio(file, options, io),
    );

  program
    .command('lists')
    .description('restricted-party lists')
    .command('import')
    .description('import a list version (CSL CSV or JSON, the compact CSL capture, or an internal CSV)')
    .argument('<file>', 'list file')
    .option('--format <format>', 'csl-csv | csl-json | csl-compact | csv (default: from the file)')
    .option('--source-date <date>', 'when the publisher generated the list')
    .option('--list <name>', 'the internal list a csv file is a version of (default: internal)')
    .option('--replace', 'allow removing more than 10% of the list’s entries')
    .option('--json', 'print JSON')
    .action(async (file: string, options) => (await import('./screen.js')).runListsImport(file, options, io));

  const monitor = program.command('monitor').description('post-export chip monitoring');
  monitor
    .command('locate')
    .description('speed-of-light location check of a site from landmark round-trip times (pure function)')
    .argument('<file>', '{"site", "landmarks", "measurements", "processingMinMs"} JSON, or - for stdin')
    .option('--json', 'print JSON')
    .action(async (file: string, options) =>
      (await import('./monitor.js')).runMonitorLocate(file, options, io),
    );
  monitor
    .command('simulate')
    .description('simulate a fleet of chips checking in, honest and attacking; print detection rates')
    .option('--devices <n>', 'number of chips (default 1000)')
    .option('--sites <n>', 'number of installations (default 10)')
    .option(
      '--attack <attack>',
      'none | relay | relocate | cluster | replay | forge | silent | skip-landmarks | far-landmarks-only | all',
    )
    .option('--seed <k>', 'random seed')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./monitor.js')).runMonitorSimulate(options, io));
  monitor
    .command('report')
    .description('Chip Security Act report: alerts by category (location change, diversion, tampering)')
    .option('--from <date>', 'first day, YYYY-MM-DD (default 90 days before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default today)')
    .option('--format <format>', 'json | csv (default json)')
    .action(async (options) => (await import('./monitor-ledger.js')).runMonitorReport(options, io));
  monitor
    .command('alerts')
    .description('monitoring alerts in the ledger, newest first')
    .option('--status <status>', 'open | acknowledged | resolved')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./monitor-ledger.js')).runMonitorAlerts(options, io));
  monitor
    .command('worker')
    .description('process check-ins from the NATS JetStream stream into the ledger until SIGINT/SIGTERM')
    .option('--nats <url>', 'NATS server (default $CHIPEXPORT_NATS_URL, else nats://127.0.0.1:4222)')
    .option('--partitions <list>', 'all, or the partitions to consume, e.g. 0,1,5 or 0-127 (default all)')
    .option('--stream <name>', 'JetStream stream (default CHIPEXPORT_CHECKINS)')
    .option('--create-partitions <n>', 'partition count if this creates the stream (default 8)')
    .option(
      '--ack-wait <seconds>',
      'how long a check-in in hand may go unacknowledged before the server redelivers it, and how long a worker taking over a dead one waits (default 30)',
    )
    .action(async (options) => (await import('./monitor-worker.js')).runMonitorWorker(options, io));

  const keys = program.command('keys').description('API keys of the ledger');
  keys
    .command('create')
    .description('create an API key for an organization (created with --role if it does not exist)')
    .requiredOption('--org <name>', 'organization name')
    .option('--role <role>', 'exporter | regulator | host-government | auditor')
    .option('--country <code>', "the organization's country (host governments: the country they speak for)")
    .action(async (options) => (await import('./ledger-commands.js')).runKeysCreate(options, io));

  program
    .command('audit')
    .description('the tamper-evident audit log: checkpoint | prove INDEX [--size N] | verify')
    .argument('<action>', 'checkpoint, prove or verify')
    .argument('[index]', 'entry index (prove)')
    .option('--size <n>', 'tree size to prove against (default: the current size)')
    .option(
      '--checkpoint <file>',
      'verify also against this signed checkpoint kept outside the database (a note, or an evidence bundle JSON); repeatable',
      collect,
    )
    .option('--json', 'print JSON')
    .action(async (action: string, index: string | undefined, options) =>
      (await import('./ledger-commands.js')).runAudit(action, index, options, io),
    );

  program
    .command('replay')
    .description(
      "re-evaluate a stored request, as of its date, under today's rules (or --framework us-ear-enforced: the enforced law) and show any difference",
    )
    .argument('[id]', 'request id')
    .option('--framework <id>', 'replay under this framework instead of the stored one')
    .option('--all', 'replay every stored request and list those answered differently')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, options) =>
      (await import('./ledger-commands.js')).runReplay(id, options, io),
    );

  return program;
}

/** Runs the CLI and returns the exit code: 0 success, 2 bad input, 1 internal error. */
export async function main(argv: readonly string[], io: Output = processOutput): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      ) {
        return EXIT_OK;
      }
      return EXIT_BAD_INPUT; // commander has already printed its message
    }
    if (error instanceof ReportedFailure) return EXIT_INTERNAL; // e.g. `audit verify`: the report is printed
    if (error instanceof InputError) {
      io.err(`error: ${error.message.split('\n').join('\nerror: ')}`);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof LedgerError) {
      io.err(`error: ${error.path.length ? `${error.path.join('.')}: ` : ''}${error.message}`);
      return error.status >= 500 ? EXIT_INTERNAL : EXIT_BAD_INPUT;
    }
    // By name: the NATS client is loaded only by the commands that use it.
    if ((error as Error | undefined)?.name === 'NatsUnreachableError') {
      io.err(`error: ${(error as Error).message}`);
      return EXIT_INTERNAL;
    }
    if (error instanceof RuleConflictError) {
      io.err(`internal error: ${error.message}`);
      return EXIT_INTERNAL;
    }
    io.err(`internal error: ${(error as Error).message ?? String(error)}`);
    if (process.env['CHIPEXPORT_DEBUG']) io.err((error as Error).stack ?? '');
    return EXIT_INTERNAL;
  }
}
