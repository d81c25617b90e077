// A writer killed mid-write never leaves a half-written file: run writeFileAtomic in a child process,
// SIGKILL it at random moments, and check the file is always one whole version.
import { build } from 'esbuild';
import { execa } from 'execa';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tempDir } from '../helpers/project.js';

describe('writeFileAtomic under SIGKILL', () => {
  it('leaves the old or the new content, never a mix', async () => {
    const dir = tempDir();
    const script = join(dir, 'writer.mjs');
    await build({
      stdin: {
        contents: `import { writeFileAtomic } from './scripts/src/state/atomic.ts';
          const file = process.argv[2];
          for (let i = 0; ; i++) writeFileAtomic(file, String.fromCharCode(65 + (i % 2)).repeat(4 << 20));`,
        resolveDir: REPO,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const target = join(dir, 'state.md');
    writeFileSync(target, 'A'.repeat(4 << 20));
    for (let round = 0; round < 8; round++) {
      const child = execa('node', [script, target], { reject: false });
      await new Promise((r) => setTimeout(r, 40 + Math.random() * 120));
      child.kill('SIGKILL');
      await child;
      const text = readFileSync(target, 'latin1');
      expect(text.length).toBe(4 << 20);
      expect(text === 'A'.repeat(4 << 20) || text === 'B'.repeat(4 << 20)).toBe(true);
    }
    expect(existsSync(target)).toBe(true);
  });
});
