// The state-file lock: mutual exclusion between processes, and no lock left that blocks the next run
// when its holder is killed at any instant (a sync killed mid-write-back must not wedge the rerun).
import { build } from 'esbuild';
import { execa } from 'execa';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/project.js';

// argv: target, rounds (0 = forever), timeoutMs. Each round increments the number in target under the lock.
const SOURCE = `import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { withLockSync } from './scripts/src/state/lock.ts';
const [target, rounds, timeout] = process.argv.slice(2);
for (let i = 0; Number(rounds) === 0 || i < Number(rounds); i++) {
  withLockSync(target, () => {
    writeFileSync(target + '.tmp', String(Number(readFileSync(target, 'utf8')) + 1));
    renameSync(target + '.tmp', target);
  }, Number(timeout));
}`;

let script = '';

async function until(done: () => boolean, budgetMs: number): Promise<void> {
  const end = Date.now() + budgetMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('the counting child never started its loop');
    await new Promise((r) => setTimeout(r, 2));
  }
}
beforeAll(async () => {
  script = join(tempDir(), 'counter.mjs');
  await build({ stdin: { contents: SOURCE, resolveDir: REPO, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: script, logLevel: 'silent' });
});

describe('withLockSync across processes', () => {
  it('never lets two processes inside at once', async () => {
    const target = join(tempDir(), 'counter.txt');
    writeFileSync(target, '0');
    await Promise.all([1, 2, 3, 4].map(() => execa('node', [script, target, '150', '10000'])));
    expect(readFileSync(target, 'utf8')).toBe('600');
  });

  it('a holder killed at any moment leaves nothing that blocks the next process', async () => {
    const dir = tempDir();
    const target = join(dir, 'counter.txt');
    writeFileSync(target, '0');
    for (let round = 0; round < 12; round++) {
      const before = Number(readFileSync(target, 'utf8'));
      const child = execa('node', [script, target, '0', '10000'], { reject: false });
      // Kill only once the child is inside its loop (a loaded machine can take longer than any fixed delay
      // to start node), then at a random moment within the next few lock rounds.
      await until(() => Number(readFileSync(target, 'utf8')) > before, 20_000);
      await new Promise((r) => setTimeout(r, Math.random() * 30));
      child.kill('SIGKILL');
      await child;
      // The stale-age fallback is 15 s: a 2 s budget passes only if the dead owner is recognised.
      const next = await execa('node', [script, target, '1', '2000'], { reject: false });
      expect(next.stderr).toBe('');
      expect(next.exitCode).toBe(0);
    }
    expect(Number(readFileSync(target, 'utf8'))).toBeGreaterThan(12);
    expect(readdirSync(dir).filter((n) => n.includes('.lock') || n.endsWith('.tmp'))).toEqual([]);
  });
});
