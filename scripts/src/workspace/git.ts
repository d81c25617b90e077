// The few git operations `new` needs, through execa. Every failure becomes a note, never an exception:
// a branch that could not be made must not fail the local work.
import { execa } from 'execa';

export interface BranchResult {
  created: boolean;
  branch: string;
  note?: string;
}

async function git(root: string, args: string[]) {
  return execa('git', args, { cwd: root, reject: false, stdin: 'ignore' });
}

export function branchName(pattern: string, id: string, slug: string): string {
  return pattern.replace(/\{id\}/g, id).replace(/\{slug\}/g, slug);
}

export async function createFeatureBranch(root: string, branch: string): Promise<BranchResult> {
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']).catch(() => undefined);
  if (!inside || inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    return { created: false, branch, note: 'not a git repository; no branch created (git init to get feature branches)' };
  }
  const exists = await git(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]);
  if (exists.exitCode === 0) return { created: false, branch, note: `branch ${branch} already exists; switch to it with: git switch ${branch}` };
  // Like `git switch -c`, uncommitted changes travel to the new branch (it starts at the same commit, so
  // nothing can conflict); only git itself refusing (a merge or rebase in progress…) stops the switch.
  const sw = await git(root, ['switch', '-c', branch]);
  if (sw.exitCode !== 0) {
    const reason = (sw.stderr || sw.stdout).split('\n')[0] ?? 'git failed';
    return { created: false, branch, note: `git could not create ${branch}: ${reason.replace(/^fatal: /, '')}; the feature is made, switch later with: git switch -c ${branch}` };
  }
  return { created: true, branch };
}
