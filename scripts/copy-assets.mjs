// After tsc: copy the data files the built CLI reads at run time into dist/, and make the
// bin executable. (tsc emits imported JSON modules itself; this covers files it does not.)
import { chmodSync, cpSync, existsSync } from 'node:fs';

const bin = new URL('../dist/cli/bin.js', import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);

// The shipped restricted-party list (src/screening/data/PROVENANCE.md), read by loadDefaultList().
cpSync(
  new URL('../src/screening/data/', import.meta.url),
  new URL('../dist/screening/data/', import.meta.url),
  {
    recursive: true,
  },
);
