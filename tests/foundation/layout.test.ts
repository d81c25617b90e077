// The house rules of scripts/src that a reader relies on: no import cycle, trackers/ never reaches into sync/.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const src = join(repo, 'scripts', 'src');
const tsFiles = (dir: string): string[] => readdirSync(join(src, dir), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));

describe('layout', () => {
  it('has no import cycle', () => {
    expect(execFileSync(process.execPath, [join(repo, 'scripts', 'import-cycles.mjs')], { encoding: 'utf8' })).toMatch(/^✓ no import cycle/);
  });

  it('each tracker has one folder holding what it is', () => {
    for (const t of ['jira', 'confluence', 'linear', 'github']) {
      const files = readdirSync(join(src, 'trackers', t));
      for (const part of ['client', 'adapter', 'payload', 'checks', 'dialect']) expect(files, `trackers/${t}/${part}.ts`).toContain(`${part}.ts`);
    }
  });

  it('the shared tracker plumbing names no tracker', () => {
    for (const f of ['transport', 'policy', 'classify', 'errors']) {
      expect(readFileSync(join(src, 'trackers', `${f}.ts`), 'utf8'), `trackers/${f}.ts`).not.toMatch(/jira|confluence|linear|github/i);
    }
  });

  it('commands/test-integration makes no HTTP call of its own', () => {
    for (const f of tsFiles('commands/test-integration')) expect(readFileSync(join(src, f), 'utf8'), f).not.toMatch(/\.request\(|\.graphql\(|transportFor|fetch\(/);
  });

  it('trackers/ imports nothing from sync/', () => {
    const offenders = tsFiles('trackers').filter((f) => /from '(\.\.\/)+sync\//.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
