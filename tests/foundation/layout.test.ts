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

  it('trackers/ imports nothing from sync/', () => {
    const offenders = tsFiles('trackers').filter((f) => /from '(\.\.\/)+sync\//.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
