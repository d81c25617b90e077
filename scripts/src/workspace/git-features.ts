// Feature numbers in use on any branch, local or remote-tracking: from branch names that follow the
// branch pattern, and from the features/NNN-* directories in each branch's tree. Git plumbing only, in
// three processes whatever the number of branches (for-each-ref, cat-file --batch-check, cat-file --batch),
// so `new` never hands out a number another branch already holds.
import { execa } from 'execa';
import { FEATURES_DIR } from './features.js';

const FEATURE_DIR = /^(\d{3,})-[a-z0-9][a-z0-9-]*$/;

export interface UsedNumber {
  number: number;
  /** Where it was seen: `branch feature/001-x` or `origin/main:features/001-x`. */
  where: string;
}

async function git(root: string, args: string[], input?: string, binary = false) {
  try {
    const r = await execa('git', args, {
      cwd: root,
      reject: false,
      ...(input === undefined ? { stdin: 'ignore' as const } : { input }),
      ...(binary ? { encoding: 'buffer' as const } : {}),
    });
    return r.exitCode === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `feature/{id}-{slug}` → a regex whose first group is the number; undefined when the pattern has no {id}. */
export function branchNumberPattern(pattern: string): RegExp | undefined {
  if (!pattern.includes('{id}')) return undefined;
  const parts = pattern.split(/(\{id\}|\{slug\}|\{key\})/);
  const body = parts.map((p) => (p === '{id}' ? '(\\d{3,})' : p === '{slug}' ? '.+' : p === '{key}' ? '[^/]+' : escapeRegExp(p))).join('');
  return new RegExp(`^${body}$`);
}

/** Parses `git cat-file --batch` output holding only tree objects: the feature directories in each. */
export function featureDirsInTrees(out: Buffer): string[] {
  const names: string[] = [];
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(10, pos);
    if (eol === -1) break;
    const header = out.subarray(pos, eol).toString('utf8').split(' ');
    pos = eol + 1;
    const oidHexLength = header[0]?.length ?? 40;
    if (header[1] !== 'tree') {
      if (header[1] === 'missing') continue;
      pos += Number(header[2] ?? 0) + 1;
      continue;
    }
    const end = pos + Number(header[2]);
    while (pos < end) {
      const space = out.indexOf(32, pos);
      const nul = out.indexOf(0, space);
      const mode = out.subarray(pos, space).toString('latin1');
      const name = out.subarray(space + 1, nul).toString('utf8');
      if (mode === '40000' && FEATURE_DIR.test(name)) names.push(name);
      pos = nul + 1 + oidHexLength / 2;
    }
    pos = end + 1;
  }
  return names;
}

export async function numbersOnBranches(root: string, branchPattern: string): Promise<UsedNumber[]> {
  const refs = await git(root, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes']);
  if (!refs) return [];
  const used: UsedNumber[] = [];
  const byName = branchNumberPattern(branchPattern);
  const commits = new Set<string>();
  for (const line of String(refs).split('\n')) {
    const [oid, ref] = line.split(' ');
    if (!oid || !ref) continue;
    const short = ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, '');
    const hit = byName?.exec(short);
    if (hit) used.push({ number: Number(hit[1]), where: `branch ${ref.replace(/^refs\/(heads|remotes)\//, '')}` });
    commits.add(oid);
  }
  if (!commits.size) return used;
  const checks = await git(root, ['cat-file', '--batch-check'], [...commits].map((c) => `${c}:${FEATURES_DIR}`).join('\n') + '\n');
  if (!checks) return used;
  // Branches that share a features/ tree are read once.
  const trees = new Set<string>();
  for (const line of String(checks).split('\n')) {
    const [oid, type] = line.split(' ');
    if (oid && type === 'tree') trees.add(oid);
  }
  if (!trees.size) return used;
  const out = await git(root, ['cat-file', '--batch'], [...trees].join('\n') + '\n', true);
  if (!out) return used;
  for (const name of featureDirsInTrees(Buffer.from(out as unknown as Uint8Array))) {
    used.push({ number: Number(FEATURE_DIR.exec(name)?.[1]), where: `${FEATURES_DIR}/${name}` });
  }
  return used;
}
