// Issue 6: `spec sync --all-features --dry-run` over 1,000 features with every tracker configured against
// unreachable loopback URLs (a dry run must plan from local files alone, so any call would show up as a
// failure or a timeout), as a ratio to `node -e 0`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FEATURES = 1000;

export default async function (ctx) {
  const root = ctx.tempDir('spec-bench-dry-');
  const dead = 'http://127.0.0.1:9';
  writeFileSync(
    join(root, 'CLAUDE.md'),
    [
      '# bench',
      'SPEC_ATLASSIAN_SYNC=enabled',
      `SPEC_ATLASSIAN_URL=${dead}`,
      'SPEC_ATLASSIAN_EMAIL=bench@example.com',
      'SPEC_JIRA_PROJECT_KEY=PROJ',
      'SPEC_CONFLUENCE_SPACE=DEV',
      'SPEC_CONFLUENCE_ROOT_PAGE_ID=1',
      'SPEC_LINEAR_SYNC=enabled',
      `SPEC_LINEAR_URL=${dead}/graphql`,
      'SPEC_LINEAR_TEAM_ID=ENG',
      'SPEC_GITHUB_SYNC=enabled',
      `SPEC_GITHUB_API_URL=${dead}`,
      'SPEC_GITHUB_OWNER=o',
      'SPEC_GITHUB_REPO=r',
      '',
    ].join('\n'),
  );
  for (let i = 1; i <= FEATURES; i++) {
    const dir = join(root, 'features', `${String(i).padStart(4, '0')}-feature-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'spec.md'), `---\ntitle: Feature ${i}\n---\n# Feature ${i}\n\n## Summary\n\nFeature ${i} does one thing.\n\n### US1 [P2] As a user I want ${i}\n- AC1.1 it works\n`);
    writeFileSync(join(dir, 'plan.md'), `# Plan ${i}\n\nKeep it simple.\n`);
    writeFileSync(join(dir, 'tasks.md'), `# Tasks\n- [ ] T001 [US1] First step of ${i}\n- [ ] T002 [US1] Second step of ${i} (depends on T001)\n`);
  }
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, SPEC_ATLASSIAN_API_TOKEN: 'bench-token', SPEC_LINEAR_API_KEY: 'lin_bench_key', SPEC_GITHUB_TOKEN: 'ghp_bench' };
  const base = ctx.nodeBaseline();
  const ms = ctx.timeCommand(process.execPath, [ctx.bundle, 'sync', '--all-features', '--dry-run'], { cwd: root, env, runs: 5 });
  ctx.report('sync --all-features --dry-run, 1,000 features × 4 trackers (5,000 planned calls)', { value: ms, unit: ' ms', ratio: ms / base, note: `node -e 0 = ${base.toFixed(1)} ms; no request made (unreachable URLs)` });
}
