// Item 7: the seed's own outputs, against the sandbox.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sandboxProject, useSandbox, type Sandbox } from '../helpers/sandbox.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await useSandbox();
});
afterEach(async () => {
  await sb.clearFault();
});

describe('init --test-integrations', () => {
  it("prints the seed's layout, counts every configured-or-named tracker and exits 1 on a failed check", async () => {
    const p = await sandboxProject(sb, ['jira', 'confluence'], { SPEC_LINEAR_TEAM_ID: 'ENG' });
    await sb.setFault('confluence', 'auth');
    const r = await p.spec(['init', '--test-integrations']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ Created features/');
    const block = r.stdout.slice(r.stdout.indexOf('Testing configured integrations...'));
    expect(block).toMatch(/^Testing configured integrations\.\.\.\n✓ JIRA: Connected\n✗ Confluence: Authentication failed.*\n✗ Linear: Not configured.*\n→ 1\/3 integrations ready\n/);
    await sb.clearFault();
    const ok = await p.spec(['init', '--test-integrations']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('→ 2/3 integrations ready');
  });
});

describe('the seed\'s spellings', () => {
  it('new "<title>" --sync creates the feature, then syncs it (exit 0 whatever the tracker says)', async () => {
    const p = await sandboxProject(sb, ['jira']);
    const r = await p.spec(['new', 'Synced at birth', '--sync', '--no-branch']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(p.read('features/001-synced-at-birth/spec.md')).toMatch(/jira_id: PROJ-\d+/);
    await sb.setFault('jira', 'auth');
    const failed = await p.spec(['new', 'Synced later', '--sync', '--no-branch', '--json']);
    expect(failed.code).toBe(0);
    const data = JSON.parse(failed.stdout) as { ok: boolean; feature: { name: string }; sync: { exitCode: number } };
    expect(data.ok).toBe(true);
    expect(data.feature.name).toBe('002-synced-later');
    expect(data.sync.exitCode).toBe(1);
  });
});

describe('more of the seed\'s spellings', () => {
  it('sync --later is --pending, and publish --confluence-update is --confluence --update', async () => {
    const p = await sandboxProject(sb, ['jira', 'confluence']);
    await p.spec(['new', 'Later on', '--no-branch']);
    p.write('features/001-later-on/plan.md', '---\ntitle: "Later on"\n---\n# Plan\n\nThe plan.\n');
    await sb.setFault('jira', 'server-error');
    const first = await p.spec(['sync', '--feature=1', '--only=jira']);
    expect(first.code, first.stdout).toBe(1);
    await sb.clearFault();
    const later = await p.spec(['sync', '--later']);
    expect(later.code, later.stdout + later.stderr).toBe(0);
    expect(p.read('features/001-later-on/spec.md')).toMatch(/jira_id: PROJ-\d+/);
    const update = await p.spec(['publish', '--confluence-update', '--feature=1']);
    expect(update.code, update.stdout + update.stderr).toBe(0);
    expect((await p.spec(['sync', '--later', '--pending'])).code).toBe(0);
  });
});
