import { describe, expect, it } from 'vitest';
import { parseClaudeMd } from '../../scripts/src/config/claude-md.js';
import { loadConfig } from '../../scripts/src/config/load.js';
import { makeProject, tempDir } from '../helpers/project.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FULL = `# Project

Some prose that mentions SPEC_SYNC_MODE in passing.

\`\`\`
SPEC_ATLASSIAN_SYNC=enabled
SPEC_ATLASSIAN_URL=https://acme.atlassian.net
SPEC_ATLASSIAN_EMAIL=dev@acme.test
SPEC_JIRA_PROJECT_KEY=PROJ   # the team's project
SPEC_CONFLUENCE_SPACE=DEV
SPEC_CONFLUENCE_ROOT_PAGE_ID=123456
SPEC_JIRA_CUSTOM_FIELD_SPRINT=customfield_10001
- SPEC_GITHUB_OWNER=myorg
SPEC_GITHUB_REPO=myrepo
\`\`\`
# SPEC_LINEAR_SYNC=enabled
`;

describe('CLAUDE.md parsing', () => {
  it('reads SPEC_ lines anywhere, with comments and list markers, and skips commented lines', () => {
    const parsed = parseClaudeMd(FULL);
    expect(parsed.settings.map((s) => [s.key, s.value, s.line])).toContainEqual(['SPEC_JIRA_PROJECT_KEY', 'PROJ', 9]);
    expect(parsed.settings.map((s) => s.key)).toContain('SPEC_GITHUB_OWNER');
    expect(parsed.settings.map((s) => s.key)).not.toContain('SPEC_LINEAR_SYNC');
    expect(parsed.malformed).toEqual([]);
  });

  it('reports malformed lines with their line numbers', () => {
    const parsed = parseClaudeMd('# x\nSPEC_JIRA_PROJECT_KEY PROJ\nSPEC_GITHUB_REPO:\nspec_linear_sync=enabled\nSPEC_SYNC_MODE=\n');
    expect(parsed.malformed.map((m) => m.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.malformed[2]?.reason).toContain('SPEC_LINEAR_SYNC');
  });
});

describe('loadConfig', () => {
  it('derives integration states and lets the environment override CLAUDE.md', () => {
    const root = tempDir();
    writeFileSync(join(root, 'CLAUDE.md'), FULL);
    const config = loadConfig(root, { SPEC_ATLASSIAN_API_TOKEN: 'tok-secret-1', SPEC_JIRA_PROJECT_KEY: 'ENV' });
    expect(config.jira.projectKey).toBe('ENV');
    expect(config.integrations.jira.state).toBe('ready');
    expect(config.integrations.confluence.state).toBe('ready');
    expect(config.confluence.url).toBe('https://acme.atlassian.net/wiki');
    expect(config.jira.customFields).toEqual({ sprint: 'customfield_10001' });
    expect(config.integrations.github).toMatchObject({ state: 'incomplete', missing: ['SPEC_GITHUB_TOKEN'] });
    expect(config.integrations.linear.state).toBe('disabled');
    expect(config.http.timeoutMs).toBe(30_000);
    expect(config.secrets).toEqual(['tok-secret-1']);
  });

  it('accepts the seed spelling SPEC_JIRA_API_TOKEN and GITHUB_TOKEN', () => {
    const root = tempDir();
    writeFileSync(join(root, 'CLAUDE.md'), FULL);
    const config = loadConfig(root, { SPEC_JIRA_API_TOKEN: 'jira-tok', GITHUB_TOKEN: 'gh-tok' });
    expect(config.jira.token).toBe('jira-tok');
    expect(config.integrations.github.state).toBe('ready');
  });

  it('rejects invalid values with the file line and what to write', () => {
    const root = tempDir();
    writeFileSync(join(root, 'CLAUDE.md'), 'SPEC_ATLASSIAN_SYNC=yes\nSPEC_JIRA_PROJECT_KEY=proj key\n');
    const config = loadConfig(root, {});
    const messages = config.issues.map((i) => i.message);
    expect(messages).toContain('CLAUDE.md:1: SPEC_ATLASSIAN_SYNC="yes" is not valid: expected enabled or disabled');
    expect(messages.some((m) => m.startsWith('CLAUDE.md:2: SPEC_JIRA_PROJECT_KEY="proj key" is not valid'))).toBe(true);
  });
});

describe('spec validate --config', () => {
  it('prints a line per key, hides secrets, warns about secrets in CLAUDE.md, typos and malformed lines', async () => {
    const p = await makeProject({
      claudeMd: `${FULL}\nSPEC_JIRA_API_TOKEN=sup3r-secret-token\nSPEC_GITHUB_REPOO=x\nSPEC_LINEAR_TEAM_ID ENG\n`,
    });
    const r = await p.spec(['validate', '--config']);
    expect(r.stdout).toContain('✓ SPEC_JIRA_PROJECT_KEY: PROJ');
    expect(r.stdout).toContain('✓ SPEC_JIRA_API_TOKEN: [hidden]');
    expect(r.stdout).toContain('✗ SPEC_GITHUB_TOKEN: missing (needed by GitHub)');
    expect(r.stdout).toContain('- SPEC_LINEAR_*: Not configured');
    expect(r.stdout).toMatch(/Warning: CLAUDE\.md:\d+: SPEC_JIRA_API_TOKEN is stored in CLAUDE\.md/);
    expect(r.stdout).toMatch(/unknown key SPEC_GITHUB_REPOO \(did you mean SPEC_GITHUB_REPO\?\)/);
    expect(r.stdout).toMatch(/Warning: CLAUDE\.md:\d+: ignored malformed line "SPEC_LINEAR_TEAM_ID ENG"/);
    expect(r.stdout).toContain('✓ JIRA: enabled');
    expect(r.stdout).toContain('✗ GitHub: enabled but incomplete (missing SPEC_GITHUB_TOKEN)');
    expect(r.stdout + r.stderr).not.toContain('sup3r-secret-token');
    expect(r.code).toBe(1);
  });

  it('exits 0 with warnings only', async () => {
    const p = await makeProject({ claudeMd: '# x\nSPEC_SYNC_MODE=manual\nSPEC_SYNC_MOD=auto\n' });
    const r = await p.spec(['validate', '--config']);
    expect(r.stdout).toContain('✓ SPEC_SYNC_MODE: manual');
    expect(r.stdout).toContain('did you mean SPEC_SYNC_MODE?');
    expect(r.code).toBe(0);
  });

  it('marks values from the environment', async () => {
    const p = await makeProject({ claudeMd: '# x\n', env: { SPEC_GITHUB_OWNER: 'envorg', SPEC_GITHUB_TOKEN: 'ghp_abcdefgh' } });
    const r = await p.spec(['validate', '--config', '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.config.lines).toContain('✓ SPEC_GITHUB_OWNER: envorg (environment)');
    expect(r.stdout).not.toContain('ghp_abcdefgh');
  });
});

describe('two-way settings', () => {
  it('reads SPEC_JIRA_TRANSITIONS (default on), {key} in the branch pattern and a folder pattern that starts with {id}', () => {
    const root = tempDir();
    writeFileSync(join(root, 'CLAUDE.md'), 'SPEC_GIT_BRANCH_PATTERN=feature/{key}-{slug}\nSPEC_FEATURE_DIR_PATTERN={id}-{key}-{slug}\n');
    const on = loadConfig(root, {});
    expect(on.jira.transitions).toBe(true);
    expect(on.git).toMatchObject({ pattern: 'feature/{key}-{slug}', featureDirPattern: '{id}-{key}-{slug}' });
    expect(on.issues.filter((i) => i.level === 'error')).toEqual([]);
    const off = loadConfig(root, { SPEC_JIRA_TRANSITIONS: 'disabled', SPEC_FEATURE_DIR_PATTERN: '{key}-{slug}' });
    expect(off.jira.transitions).toBe(false);
    // A folder that does not start with the number could not be found again: refused, default kept.
    expect(off.issues.map((i) => i.message).join('\n')).toContain('SPEC_FEATURE_DIR_PATTERN');
    expect(off.git.featureDirPattern).toBe('{id}-{slug}');
  });
});

describe('JIRA priority names', () => {
  it('default to High/Medium/Low and follow SPEC_JIRA_PRIORITY_P1…P3', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'CLAUDE.md'), FULL);
    expect(loadConfig(dir, {}).jira.priorities).toEqual({ P1: 'High', P2: 'Medium', P3: 'Low' });
    writeFileSync(join(dir, 'CLAUDE.md'), `${FULL}\nSPEC_JIRA_PRIORITY_P1=Blocker\nSPEC_JIRA_PRIORITY_P3=Minor\n`);
    const c = loadConfig(dir, {});
    expect(c.jira.priorities).toEqual({ P1: 'Blocker', P2: 'Medium', P3: 'Minor' });
    expect(c.issues.filter((i) => i.level === 'error')).toEqual([]);
  });
});
