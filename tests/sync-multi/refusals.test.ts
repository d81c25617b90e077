// What real trackers refuse, handled before or after sending: a long feature title (its label would
// pass GitHub's 50 characters), and JIRA priorities a project's scheme or screens do not take.
import { describe, expect, it } from 'vitest';
import { useContract } from '../helpers/contract.js';
import { useSandbox } from '../helpers/sandbox.js';
import { featureLabelOf } from '../../scripts/src/workspace/label.js';
import { slugify } from '../../scripts/src/workspace/slug.js';
import { addFeature, sandboxProject } from './features.js';

const LONG = 'User authentication with OAuth and SSO support and a remember-me option';

describe('refusals the sync handles', () => {
  it('a feature with a long title syncs to all four trackers under one label of at most 50 characters', async () => {
    const sb = await useSandbox({ clockScale: 20 });
    const c = useContract(sb);
    // The contract checker compiles the vendors' descriptions in this process on first use: allow for it.
    const p = await sandboxProject(sb, ['jira', 'confluence', 'linear', 'github'], {}, { SPEC_HTTP_TIMEOUT_SECONDS: '60' });
    const name = addFeature(p, 1, slugify(LONG), { title: LONG, tasks: 2 });
    const label = featureLabelOf(name);
    expect(`spec-${name}`.length).toBeGreaterThan(50);
    expect(label.length).toBeLessThanOrEqual(50);
    const r = await p.spec(['sync', '--feature=1']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('✗');
    expect(sb.github.issues).toHaveLength(2);
    for (const i of sb.github.issues) expect(i.labels).toContain(label);
    const stories = [...sb.jira.issues.values()].filter((i) => ((i.fields.labels as string[]) ?? []).includes(label));
    expect(stories).toHaveLength(1);
    const linear = [...sb.linear.issues.values()];
    expect(linear).toHaveLength(1);
    expect(linear[0]!.labelIds.map((id) => sb.linear.labels.get(id)!.name)).toContain(label);
    const pub = await p.spec(['publish', '--confluence', '--feature=1']);
    expect(pub.code, pub.stdout + pub.stderr).toBe(0);
    const page = [...sb.confluence.pages.values()].find((x) => x.title.startsWith('Feature 001:'));
    expect(page?.body.storage.value).toContain(label);
    // Settled: a second run creates nothing.
    const again = await p.spec(['sync', '--feature=1']);
    expect(again.code).toBe(0);
    expect(sb.github.issues).toHaveLength(2);
    await c?.assertClean();
  });

  it('JIRA: a priority the project does not know is sent again without it, with a warning naming the settings', async () => {
    const sb = await useSandbox();
    const p = await sandboxProject(sb, ['jira'], { SPEC_JIRA_PROJECT_KEY: 'CORE' });
    const name = addFeature(p, 2, 'core-story', { title: 'Core story', priority: 'P1' });
    const before = p.read(`features/${name}/tasks.md`);
    const r = await p.spec(['sync', '--feature=2']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const story = [...sb.jira.issues.values()].find((i) => i.key.startsWith('CORE-'));
    expect(story).toBeDefined();
    expect(story!.fields.priority).toBeUndefined();
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/priority 'High'/);
    expect(out).toContain('SPEC_JIRA_PRIORITY_P1');
    expect(p.read(`features/${name}/tasks.md`)).toBe(before);

    // With the project's own names, the priority goes through.
    const q = await sandboxProject(sb, ['jira'], { SPEC_JIRA_PROJECT_KEY: 'CORE', SPEC_JIRA_PRIORITY_P1: 'Critical' });
    addFeature(q, 3, 'core-critical', { title: 'Core critical', priority: 'P1' });
    expect((await q.spec(['sync', '--feature=3'])).code).toBe(0);
    const critical = [...sb.jira.issues.values()].find((i) => i.fields.summary === 'Core critical');
    expect(critical!.fields.priority).toEqual({ name: 'Critical' });
  });

  it('JIRA: a project without Priority on its screens gets the story without it, and a warning', async () => {
    const sb = await useSandbox();
    const p = await sandboxProject(sb, ['jira'], { SPEC_JIRA_PROJECT_KEY: 'LEAN' });
    addFeature(p, 4, 'lean-story', { title: 'Lean story' });
    const r = await p.spec(['sync', '--feature=4', '--batch']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const story = [...sb.jira.issues.values()].find((i) => i.fields.summary === 'Lean story');
    expect(story?.key).toMatch(/^LEAN-/);
    expect(r.stdout + r.stderr).toMatch(/priority.*not on .*screen/i);
  });
});
