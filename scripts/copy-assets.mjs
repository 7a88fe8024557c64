// After tsc: copy the data files the built CLI reads at run time into dist/, and make the
// bin executable. (tsc emits imported JSON modules itself; this covers files it does not.)
import { chmodSync, existsSync } from 'node:fs';

const bin = new URL('../dist/cli/bin.js', import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
