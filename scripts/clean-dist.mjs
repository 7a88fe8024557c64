// Before a build: remove dist/ so files whose source was deleted or excluded (test support,
// renamed modules) are never packed from an earlier build.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
