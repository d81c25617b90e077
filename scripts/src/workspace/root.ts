// The project root: the nearest ancestor holding CLAUDE.md or .git (else the working directory).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findProjectRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'CLAUDE.md')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}
