// spec sync to JIRA through the built bundle against the sandbox, every exchange checked against
// Jira's published description: create, write-back, no-op, update, link, export = request, epic and
// field failures, auth failure and recovery, a kill between create and write-back, bulk create.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useContract, type ContractRecorder } from '../helpers/contract.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { atlassianProject, issuesLabelled, killAfterCreate, recordExchanges, specText, writeFeature } from './helpers.js';

let sb: Sandbox;
let c: ContractRecorder | undefined;
beforeAll(async () => {
  sb = await useSandbox();
  c = useContract(sb);
});
beforeEach(async () => {
  await sb.clearFault();
});

const frontmatter = (text: string) => text.split('\n---\n')[0] as string;
const bodyOf = (text: string) => text.slice(text.indexOf('\n---\n') + 5);
const log = (root: string) => (existsSync(join(root, '.spec-state/integration-errors.log')) ? readFileSync(join(root, '.spec-state/integration-errors.log'), 'utf8') : '');

describe('JIRA sync', () => {
  it('creates the story from the exported payload, writes the link back, then makes no call when nothing changed', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 3, 'jira-create', { title: 'Jira Create', epic: 'PROJ-100' });
    const before = p.read(`features/${name}/spec.md`);
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--feature=3']);
    ex.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [story] = issuesLabelled(sb, `spec-${name}`);
    expect(story).toBeDefined();
    const key = story!.key;
    expect(r.stdout).toContain(`✓ 003: ${key} created`);
    expect(story!.fields).toMatchObject({ summary: 'Jira Create', priority: { name: 'High' }, parent: { key: 'PROJ-100' }, issuetype: { name: 'Story' } });
    expect((story!.fields.description as { type: string }).type).toBe('doc');

    // The link, and nothing else, changed in spec.md.
    const after = p.read(`features/${name}/spec.md`);
    expect(frontmatter(after)).toContain(`jira_id: ${key}`);
    expect(frontmatter(after)).toContain(`jira_url: ${sb.urls.atlassian}/browse/${key}`);
    expect(bodyOf(after)).toBe(bodyOf(before));

    // export prints exactly the body the sandbox received.
    const creates = ex.list.filter((e) => e.method === 'POST' && e.path === '/rest/api/3/issue');
    expect(creates).toHaveLength(1);
    const exported = await p.spec(['export', 'spec', '--format=jira', '--feature=3']);
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(creates[0]!.requestBody));

    // Unchanged content: not one call to JIRA.
    const again = recordExchanges(sb);
    const r2 = await p.spec(['sync', '--feature=3']);
    again.stop();
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('- 003: JIRA unchanged');
    expect(again.list).toEqual([]);
    expect(issuesLabelled(sb, `spec-${name}`)).toHaveLength(1);
    await c?.assertClean();
  });

  it('updates the linked story when spec.md changes, never duplicating it', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 3, 'jira-update', { title: 'Jira Update' });
    expect((await p.spec(['sync', '--feature=3'])).code).toBe(0);
    const key = issuesLabelled(sb, `spec-${name}`)[0]!.key;
    const spec = p.read(`features/${name}/spec.md`);
    p.write(`features/${name}/spec.md`, spec.replace('Jira Update for everyone.', 'Jira Update for everyone, now with SSO.'));
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--feature=3']);
    ex.stop();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`✓ 003: ${key} updated`);
    expect(ex.writes().map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /rest/api/3/issue/${key}`]);
    const stories = issuesLabelled(sb, `spec-${name}`);
    expect(stories).toHaveLength(1);
    expect(JSON.stringify(stories[0]!.fields.description)).toContain('now with SSO');
    await c?.assertClean();
  });

  it('treats a story linked by hand (spec link) as its own: the next sync updates it', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 4, 'jira-linked', { title: 'Jira Linked' });
    // A story someone made by hand, without our label.
    const made = await fetch(`${sb.urls.jira}/rest/api/3/issue`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${sb.credentials.atlassianEmail}:${sb.credentials.atlassianToken}`).toString('base64')}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ fields: { project: { key: 'PROJ' }, summary: 'Made by hand', issuetype: { name: 'Story' } } }),
    });
    const { key } = (await made.json()) as { key: string };
    const link = await p.spec(['link', '--feature=4', `--jira=${key}`]);
    expect(link.code).toBe(0);
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--feature=4']);
    ex.stop();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`✓ 004: ${key} updated`);
    expect(ex.writes().map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /rest/api/3/issue/${key}`]);
    const issue = sb.jira.issues.get(key)!;
    expect(issue.fields.summary).toBe('Jira Linked');
    expect(issue.fields.labels).toContain(`spec-${name}`);
    // And then it is in sync.
    const again = recordExchanges(sb);
    expect((await p.spec(['sync', '--feature=4'])).stdout).toContain('- 004: JIRA unchanged');
    again.stop();
    expect(again.list).toEqual([]);
    await c?.assertClean();
  });

  it('creates the story without its epic when JIRA refuses the epic: a partial success, logged, retried later', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 5, 'jira-epic', { title: 'Jira Epic', epic: 'PROJ-100' });
    await sb.setFault('jira', { fault: 'epic-not-found', times: 1 });
    const r = await p.spec(['sync', '--feature=5']);
    expect(r.code, r.stdout).toBe(0);
    const stories = issuesLabelled(sb, `spec-${name}`);
    expect(stories).toHaveLength(1);
    const key = stories[0]!.key;
    expect(stories[0]!.fields.parent).toBeUndefined();
    expect(r.stdout).toContain(`✓ 005: ${key} created`);
    expect(r.stdout).toContain(`✗ 005: ${key} created but not linked to epic PROJ-100`);
    expect(frontmatter(p.read(`features/${name}/spec.md`))).toContain(`jira_id: ${key}`);
    expect(log(p.root)).toMatch(new RegExp(`\\| JIRA \\| Partial success \\| 005 ${key}: created but not linked to epic PROJ-100`));
    // The epic is back: the next sync links it (an update, not a new story).
    const r2 = await p.spec(['sync', '--feature=5']);
    expect(r2.stdout).toContain(`✓ 005: ${key} updated`);
    expect(sb.jira.issues.get(key)!.fields.parent).toMatchObject({ key: 'PROJ-100' });
    expect(issuesLabelled(sb, `spec-${name}`)).toHaveLength(1);
    await c?.assertClean();
  });

  it('names a required custom field and the settings that fix it; a retry with the field set succeeds', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 6, 'jira-required', { title: 'Jira Required' });
    const before = p.read(`features/${name}/spec.md`);
    await sb.setFault('jira', 'required-field');
    const r = await p.spec(['sync', '--feature=006']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 006: JIRA field rejected → spec sync --feature=006\n  Custom field validation failed: /);
    expect(r.stdout).toContain("field 'customfield_10001' (Sprint) is required");
    expect(r.stdout).toContain('SPEC_JIRA_CUSTOM_FIELD_SPRINT=customfield_10001');
    expect(r.stdout).toContain('.spec/templates/');
    expect(p.read(`features/${name}/spec.md`)).toBe(before);
    expect(log(p.root)).toMatch(/\| JIRA \| 400 Bad Request \| Fix field customfield_10001/);
    expect(issuesLabelled(sb, `spec-${name}`)).toHaveLength(0);

    // The user's fix: name the field in CLAUDE.md and give the feature a value.
    p.write('CLAUDE.md', `${p.read('CLAUDE.md')}SPEC_JIRA_CUSTOM_FIELD_SPRINT=customfield_10001\n`);
    p.write(`features/${name}/spec.md`, specText('Jira Required', { frontmatter: 'jira_fields:\n  sprint: [42]' }));
    const r2 = await p.spec(['sync', '--feature=006']);
    expect(r2.code, r2.stdout).toBe(0);
    const [story] = issuesLabelled(sb, `spec-${name}`);
    expect(story!.fields.customfield_10001).toEqual([42]);
    await c?.assertClean();
  });

  it('names a field that is not on the screen and points at the template to change', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 7, 'jira-screen', { title: 'Jira Screen' });
    const template = readFileSync(join(__dirname, '../../workflow/templates/integrations/jira-story-template.md'), 'utf8');
    p.write('.spec/templates/jira-story-template.md', template.replace('customFields: {}', 'customFields:\n    customfield_10011: Login epic'));
    const r = await p.spec(['sync', '--feature=7']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ 007: JIRA field rejected');
    expect(r.stdout).toContain("Field 'customfield_10011' cannot be set: it is not on the appropriate screen");
    expect(r.stdout).toContain('copy workflow/templates/integrations/jira-story-template.md to .spec/templates/');
    expect(frontmatter(p.read(`features/${name}/spec.md`))).not.toContain('jira_id');
    expect(log(p.root)).toMatch(/\| JIRA \| 400 Bad Request \| Fix field customfield_10011/);
    await c?.assertClean();
  });

  it('on bad credentials keeps local files, prints the failure and recovery, logs it, exits 1; the retry succeeds', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 8, 'jira-auth', { title: 'Jira Auth' });
    const before = p.read(`features/${name}/spec.md`);
    await sb.setFault('jira', 'auth');
    const r = await p.spec(['sync', '--feature=008']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 008: JIRA authentication error → spec sync --feature=008\n  JIRA API returned 401 Unauthorized/);
    expect(r.stdout).toContain('401 Unauthorized');
    expect(r.stdout + r.stderr).not.toContain(sb.credentials.atlassianToken);
    expect(p.read(`features/${name}/spec.md`)).toBe(before);
    expect(log(p.root)).toMatch(/\| JIRA \| 401 Unauthorized \| Check API token/);
    expect(p.read('.spec-state/sync-pending.json')).toContain('"kind": "auth"');

    await sb.clearFault('jira');
    const r2 = await p.spec(['sync', '--pending']);
    expect(r2.code, r2.stdout).toBe(0);
    const [story] = issuesLabelled(sb, `spec-${name}`);
    expect(r2.stdout).toContain(`✓ 008: ${story!.key} created`);
    expect(issuesLabelled(sb, `spec-${name}`)).toHaveLength(1);
    await c?.assertClean();
  });

  it('a process killed between the create and the write-back leaves no duplicate: the next sync finds the story by its label', async () => {
    const p = await atlassianProject(sb, 'jira');
    const name = writeFeature(p, 9, 'jira-killed', { title: 'Jira Killed' });
    const killed = await killAfterCreate(p, sb, ['sync', '--feature=9'], (m, path) => m === 'POST' && path === '/rest/api/3/issue');
    expect(killed.signal).toBe('SIGKILL');
    // JIRA has the story; the link never reached spec.md; the journal kept the intent.
    expect(issuesLabelled(sb, `spec-${name}`)).toHaveLength(1);
    expect(frontmatter(p.read(`features/${name}/spec.md`))).not.toContain('jira_id');
    expect(JSON.parse(p.read('.spec-state/sync-journal.json')).items[`${name}/jira/story`].intent).toBeDefined();

    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--feature=9']);
    ex.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const stories = issuesLabelled(sb, `spec-${name}`);
    expect(stories).toHaveLength(1);
    const key = stories[0]!.key;
    expect(r.stdout).toContain(`✓ 009: ${key} found and linked (no duplicate)`);
    expect(ex.list.map((e) => `${e.method} ${e.path}`)).toEqual(['GET /rest/api/3/search/jql']);
    expect(new URLSearchParams(ex.list[0]!.query).get('jql')).toBe(`project = PROJ AND labels = "spec-${name}"`);
    expect(frontmatter(p.read(`features/${name}/spec.md`))).toContain(`jira_id: ${key}`);
    // Settled: the run after that makes no call.
    const after = recordExchanges(sb);
    await p.spec(['sync', '--feature=9']);
    after.stop();
    expect(after.list).toEqual([]);
    await c?.assertClean();
  });
});

describe('JIRA bulk sync (--all-features --batch)', () => {
  it('creates 55 stories in two bulk requests, maps a per-element failure to its feature, and links the rest', async () => {
    const p = await atlassianProject(sb, 'jira');
    const names: string[] = [];
    for (let n = 1; n <= 55; n++) {
      const o = n === 17 ? { frontmatter: 'jira_fields:\n  customfield_10011: not on screen' } : n === 42 ? { epic: 'PROJ-100' } : {};
      names.push(writeFeature(p, n, `bulk-${n}`, { title: `Bulk ${n}`, ...o }));
    }
    await sb.setFault('jira', { fault: 'epic-not-found', times: 1 });
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--all-features', '--batch']);
    ex.stop();
    expect(r.code).toBe(1);
    const bulk = ex.list.filter((e) => e.method === 'POST' && e.path === '/rest/api/3/issue/bulk');
    // 50 (then feature 042 again, without its refused epic) and 5.
    expect(bulk.map((e) => JSON.parse(e.requestBody).issueUpdates.length)).toEqual([50, 1, 5]);
    expect(ex.list.filter((e) => e.path !== '/rest/api/3/issue/bulk')).toEqual([]);
    expect(ex.list.filter((e) => e.status === 429)).toEqual([]);

    expect(r.stdout).toMatch(/✗ 017: JIRA field rejected → spec sync --feature=017\n  Field 'customfield_10011' /);
    expect(r.stdout).toContain("Field 'customfield_10011' cannot be set");
    for (const [i, name] of names.entries()) {
      const stories = issuesLabelled(sb, `spec-${name}`);
      const fm = frontmatter(p.read(`features/${name}/spec.md`));
      if (i + 1 === 17) {
        expect(stories).toHaveLength(0);
        expect(fm).not.toContain('jira_id');
        continue;
      }
      expect(stories, name).toHaveLength(1);
      expect(fm).toContain(`jira_id: ${stories[0]!.key}`);
    }
    const k42 = issuesLabelled(sb, `spec-${names[41]}`)[0]!.key;
    expect(r.stdout).toContain(`✗ 042: ${k42} created but not linked to epic PROJ-100`);
    expect(p.read('.spec-state/sync-pending.json')).toContain('017-bulk-17');

    // Everything else is in sync: a second run only retries 017 (and 042's epic), nothing is duplicated.
    const again = recordExchanges(sb);
    await p.spec(['sync', '--all-features', '--batch']);
    again.stop();
    expect(again.writes().map((e) => `${e.method} ${e.path}`).sort()).toEqual([`POST /rest/api/3/issue/bulk`, `PUT /rest/api/3/issue/${k42}`]);
    expect(sb.jira.issues.get(k42)!.fields.parent).toMatchObject({ key: 'PROJ-100' });
    await c?.assertClean();
  });
});
