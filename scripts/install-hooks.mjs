#!/usr/bin/env node
// npm's `prepare`: point git at .githooks/ (the pre-commit hook that rebuilds the bundle). Does nothing
// outside a git checkout of this repository (a plugin install, a tarball) and never fails the install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(join(repo, '.git')) && existsSync(join(repo, '.githooks', 'pre-commit'))) {
  try {
    execFileSync('git', ['config', 'core.hooksPath', '.githooks'], { cwd: repo, stdio: 'ignore' });
  } catch {
    // no git on PATH: nothing to install
  }
}
