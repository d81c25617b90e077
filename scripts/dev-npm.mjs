#!/usr/bin/env node
// npm for the development toolchain: `node scripts/dev-npm.mjs <npm arguments>`.
// Claude Code runs `npm ci` when it installs a plugin whose root holds a package.json and a lockfile
// (2.1.190 in the plugin folder with our .npmrc; newer clients in a scratch folder without it, so
// omit=dev no longer applies). The lockfile therefore lives in toolchain/, out of the root: this
// script puts it at the root for one npm run and moves it back afterwards, updated when npm changed it.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kept = join(root, 'toolchain', 'package-lock.json');
const active = join(root, 'package-lock.json');

if (existsSync(active)) {
  console.error(`✗ ${active} exists: move it to toolchain/package-lock.json (or delete it), then run this again.`);
  process.exit(1);
}
if (existsSync(kept)) renameSync(kept, active);
let status = 1;
try {
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', process.argv.slice(2), { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  status = r.status ?? 1;
} finally {
  if (existsSync(active)) renameSync(active, kept);
}
process.exit(status);
