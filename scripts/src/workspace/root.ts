// The project root: the nearest ancestor holding CLAUDE.md or .git (else the working directory).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setProjectRoot } from '../core/inside.js';

function locate(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'CLAUDE.md')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** Also makes the root the boundary every later read and write is checked against (core/inside.ts). */
export function findProjectRoot(cwd: string): string {
  const root = locate(cwd);
  setProjectRoot(root);
  return root;
}
