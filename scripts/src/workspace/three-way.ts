// Three-way merge of one text with `git merge-file` itself (the real tool, on temp files), so a
// pulled remote edit merges exactly as a git user expects: clean hunks applied, a real conflict
// left as <<<<<<< / ======= / >>>>>>> markers in the text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export interface MergeInput {
  /** What we last wrote (the common ancestor). */
  base: string;
  /** The local file now. */
  ours: string;
  /** The remote side now. */
  theirs: string;
  /** Names shown on the conflict markers. */
  labels?: { ours?: string; base?: string; theirs?: string };
}

export interface MergeResult {
  text: string;
  /** Conflicting hunks left as markers; 0 when the merge is clean. */
  conflicts: number;
}

export async function mergeThreeWay(input: MergeInput): Promise<MergeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'spec-merge-'));
  try {
    const file = (name: string, text: string) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const ours = file('ours', input.ours);
    const base = file('base', input.base);
    const theirs = file('theirs', input.theirs);
    const l = input.labels ?? {};
    const args = ['merge-file', '-p', '-L', l.ours ?? 'local', '-L', l.base ?? 'last sync', '-L', l.theirs ?? 'remote', ours, base, theirs];
    const r = await execa('git', args, { reject: false, stdin: 'ignore', stripFinalNewline: false });
    // Exit status: the number of conflicts (capped at 127); negative (>127 as unsigned) on error.
    if (typeof r.exitCode !== 'number' || r.exitCode > 127) throw new Error(`git merge-file failed: ${String(r.stderr || r.shortMessage).trim()}`);
    return { text: String(r.stdout), conflicts: r.exitCode };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
