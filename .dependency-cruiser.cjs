/**
 * The house rules for imports (`npm run lint:deps`, part of `npm test`).
 *
 * - no-circular: no module reaches itself through its imports (type-only imports count too).
 * - faces: a room — a folder with an index.ts — is entered only through its index.ts; code inside
 *   the room may import its own files.
 * - layers: the pure cores import no adapter (ledger, api, cli, stream, store); the ledger
 *   imports none of the doors above it (api, cli, stream); the HTTP door does not
 *   import the CLI (a test may compare the two doors).
 */
const ROOMS = [
  'src/screening',
  'src/monitoring',
  'src/audit',
  'src/ledger/requests',
  'src/ledger/licensing',
  'src/ledger/monitoring',
  'src/ledger/audit-log',
];

const PURE_CORES = '^src/(domain|rules|frameworks|monitoring|screening|audit|classify|data|catalog)/';

const esc = (path) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A circle of imports: whatever the order of loading, one side sees the other half made.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...ROOMS.map((room) => ({
      name: 'faces',
      comment: `${room} is entered through ${room}/index.ts only.`,
      severity: 'error',
      from: { pathNot: `^${esc(room)}/` },
      to: { path: `^${esc(room)}/`, pathNot: `^${esc(room)}/index\\.ts$` },
    })),
    {
      name: 'layers-pure-cores',
      comment: 'The pure cores hold no I/O: they import neither the ledger nor the doors nor the store.',
      severity: 'error',
      from: { path: PURE_CORES },
      to: { path: '^src/(ledger|api|cli|stream|store)/' },
    },
    {
      name: 'layers-ledger',
      comment: 'The ledger sits below the doors (HTTP, CLI, NATS): it imports none of them.',
      severity: 'error',
      from: { path: '^src/ledger/' },
      to: { path: '^src/(api|cli|stream)/' },
    },
    {
      name: 'layers-api',
      comment: 'The HTTP door does not lean on the CLI: what both need lives below them.',
      severity: 'error',
      from: { path: '^src/api/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
