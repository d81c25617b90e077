// Realistic projects for the benches: every feature has a spec with stories and acceptance criteria, a
// plan, and 30 tasks (what a /spec:tasks run produces), written straight with writeFileSync so 5,000
// features take a second or two. One project per size is built once and shared by every bench line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TASKS_PER_FEATURE = 30;

/** Trackers configured against an unreachable loopback port: a local-only command that calls out fails loudly. */
export const DEAD = 'http://127.0.0.1:9';
export const DEAD_TRACKERS = [
  'SPEC_ATLASSIAN_SYNC=enabled',
  `SPEC_ATLASSIAN_URL=${DEAD}`,
  'SPEC_ATLASSIAN_EMAIL=bench@example.com',
  'SPEC_JIRA_PROJECT_KEY=PROJ',
  'SPEC_CONFLUENCE_SPACE=DEV',
  'SPEC_CONFLUENCE_ROOT_PAGE_ID=1',
  'SPEC_LINEAR_SYNC=enabled',
  `SPEC_LINEAR_URL=${DEAD}/graphql`,
  'SPEC_LINEAR_TEAM_ID=ENG',
  'SPEC_GITHUB_SYNC=enabled',
  `SPEC_GITHUB_API_URL=${DEAD}`,
  'SPEC_GITHUB_OWNER=o',
  'SPEC_GITHUB_REPO=r',
];
export const DEAD_ENV = { SPEC_ATLASSIAN_API_TOKEN: 'bench-token', SPEC_LINEAR_API_KEY: 'lin_bench_key', SPEC_GITHUB_TOKEN: 'ghp_bench' };

export function featureName(i) {
  return `${String(i).padStart(4, '0')}-feature-${i}`;
}

function specMd(i) {
  const stories = [1, 2, 3]
    .map((s) => `### US${s} [P${s}] As a user I want part ${s} of feature ${i}\n\n- AC${s}.1 Given a start, when I act, then part ${s} works\n- AC${s}.2 It reports a clear error on bad input\n`)
    .join('\n');
  return `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n## Summary\n\nFeature ${i} lets a user do one more thing, described here in a paragraph of ordinary length so the\nfile weighs what a real specification does.\n\n## User stories\n\n${stories}\n## Non-goals\n\n- Anything outside feature ${i}\n`;
}

function planMd(i) {
  return `# Plan for feature ${i}\n\n## Approach\n\nKeep it small: one module, one test file, wired into the CLI.\n\n## Files\n\n- src/feature-${i}/index.ts\n- tests/feature-${i}.test.ts\n`;
}

function tasksMd(i, tasks, done) {
  const lines = [];
  for (let t = 1; t <= tasks; t++) {
    const id = `T${String(t).padStart(3, '0')}`;
    const story = `US${((t - 1) % 3) + 1}`;
    const dep = t > 1 && t % 4 === 0 ? ` (depends on T${String(t - 1).padStart(3, '0')})` : '';
    lines.push(`- [${t <= done ? 'x' : ' '}] ${id}${t % 5 === 0 ? ' [P]' : ''} [${story}] Step ${t} of feature ${i} (src/feature-${i}/part-${t}.ts)${dep}`);
  }
  return `# Tasks for feature ${i}\n\n${lines.join('\n')}\n`;
}

/** Writes `features` features into `root` (CLAUDE.md with `claudeMd` lines). */
export function writeProject(root, { features, tasks = TASKS_PER_FEATURE, claudeMd = DEAD_TRACKERS }) {
  writeFileSync(join(root, 'CLAUDE.md'), `# bench\n\n${claudeMd.join('\n')}\n`);
  mkdirSync(join(root, 'features'), { recursive: true });
  for (let i = 1; i <= features; i++) {
    const dir = join(root, 'features', featureName(i));
    mkdirSync(dir);
    writeFileSync(join(dir, 'spec.md'), specMd(i));
    writeFileSync(join(dir, 'plan.md'), planMd(i));
    // A third of the features are under way, so phases and progress differ from row to row.
    writeFileSync(join(dir, 'tasks.md'), tasksMd(i, tasks, i % 3 === 0 ? 10 : 0));
  }
  return root;
}

const cache = new Map();

/** A temp project of `features` features × 30 tasks, built once per size per bench run, removed at exit. */
export function sharedProject(features) {
  let root = cache.get(features);
  if (root) return root;
  root = mkdtempSync(join(tmpdir(), `spec-bench-${features}-`));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  writeProject(root, { features });
  cache.set(features, root);
  return root;
}

/** The path of feature `i`'s tasks.md in a shared project (what a post-tool-use hook names). */
export function tasksFile(root, i) {
  return join(root, 'features', featureName(i), 'tasks.md');
}
