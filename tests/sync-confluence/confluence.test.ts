// spec publish --confluence and sync to Confluence through the built bundle against the sandbox, every
// exchange checked against Confluence's published v2 description: create, write-back, no-op, update
// with a version bump, link, duplicate title with and without --update, our own page found again,
// space/root/permission failures, and a kill between the create and the write-back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useContract, type ContractRecorder } from '../helpers/contract.js';
import { useSandbox, type Sandbox } from '../helpers/sandbox.js';
import { atlassianProject, killAfterCreate, recordExchanges, writeFeature } from '../sync-jira/helpers.js';

let sb: Sandbox;
let c: ContractRecorder | undefined;
beforeAll(async () => {
  sb = await useSandbox();
  c = useContract(sb);
});
beforeEach(async () => {
  await sb.clearFault();
});

const frontmatter = (text: string) => (text.startsWith('---\n') ? (text.split('\n---\n')[0] as string) : '');
const log = (root: string) => (existsSync(join(root, '.spec-state/integration-errors.log')) ? readFileSync(join(root, '.spec-state/integration-errors.log'), 'utf8') : '');
const pagesTitled = (title: string) => [...sb.confluence.pages.values()].filter((p) => p.title === title);
const auth = () => `Basic ${Buffer.from(`${sb.credentials.atlassianEmail}:${sb.credentials.atlassianToken}`).toString('base64')}`;

/** A page someone made by hand in the sandbox's space. */
async function handMadePage(title: string): Promise<string> {
  const r = await fetch(`${sb.urls.confluence}/api/v2/pages`, {
    method: 'POST',
    headers: { Authorization: auth(), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ spaceId: sb.confluence.spaces[0]!.id, status: 'current', title, parentId: sb.credentials.confluenceRootPageId, body: { representation: 'storage', value: '<p>by hand</p>' } }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

describe('spec publish --confluence', () => {
  it('creates the page under the root page, writes the link into plan.md, then makes no call when nothing changed', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 3, 'conf-create', { title: 'Conf Create' });
    const planBefore = p.read(`features/${name}/plan.md`);
    const ex = recordExchanges(sb);
    const r = await p.spec(['publish', '--confluence', '--feature=3']);
    ex.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [page] = pagesTitled('Feature 003: Conf Create - Technical Plan');
    expect(page).toBeDefined();
    expect(page!.parentId).toBe(sb.credentials.confluenceRootPageId);
    expect(page!.body.storage.value).toContain('<li>step one</li>');
    expect(r.stdout).toContain(`✓ 003: Confluence page ${page!.id} created`);
    const fm = frontmatter(p.read(`features/${name}/plan.md`));
    expect(fm).toContain(`confluence_page_id: "${page!.id}"`);
    expect(fm).toContain(`confluence_url: ${sb.urls.confluence}/spaces/DEV/pages/${page!.id}`);
    expect(p.read(`features/${name}/plan.md`).endsWith(planBefore)).toBe(true);
    // export prints the storage body the sandbox received.
    const create = ex.list.find((e) => e.method === 'POST' && e.path === '/api/v2/pages')!;
    const exported = await p.spec(['export', 'plan', '--format=confluence', '--feature=3']);
    // Plain export leads with the page title as an XML comment (for manual page creation); the body follows.
    const [titleLine, ...body] = exported.stdout.split('\n');
    expect(titleLine).toMatch(/^<!-- Confluence page title: Feature 003: .* - Technical Plan -->$/);
    expect(body.join('\n')).toBe(JSON.parse(create.requestBody).body.value); // execa drops the final newline

    const again = recordExchanges(sb);
    const r2 = await p.spec(['publish', '--confluence', '--feature=3']);
    again.stop();
    expect(r2.code).toBe(0);
    expect(r2.stdout).toContain('- 003: Confluence unchanged');
    expect(again.list).toEqual([]);
    await c?.assertClean();
  });

  it('updates the page when plan.md changes, bumping its version; sync covers Confluence too', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 3, 'conf-update', { title: 'Conf Update' });
    expect((await p.spec(['publish', '--confluence', '--feature=3'])).code).toBe(0);
    const [page] = pagesTitled('Feature 003: Conf Update - Technical Plan');
    p.write(`features/${name}/plan.md`, p.read(`features/${name}/plan.md`).replace('step two', 'step two, revised'));
    const ex = recordExchanges(sb);
    const r = await p.spec(['sync', '--feature=3', '--only=confluence']);
    ex.stop();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`✓ 003: Confluence page ${page!.id} updated`);
    expect(ex.writes().map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /api/v2/pages/${page!.id}`]);
    expect(JSON.parse(ex.writes()[0]!.requestBody).version.number).toBe(2);
    expect(sb.confluence.pages.get(page!.id)!.version.number).toBe(2);
    expect(sb.confluence.pages.get(page!.id)!.body.storage.value).toContain('step two, revised');
    expect(pagesTitled('Feature 003: Conf Update - Technical Plan')).toHaveLength(1);
    await c?.assertClean();
  });

  it('updates a page linked by hand (spec link --confluence) instead of creating one', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 4, 'conf-linked', { title: 'Conf Linked' });
    const id = await handMadePage('Some page made by hand');
    expect((await p.spec(['link', '--feature=4', `--confluence=${id}`])).code).toBe(0);
    const ex = recordExchanges(sb);
    const r = await p.spec(['publish', '--confluence', '--feature=4']);
    ex.stop();
    expect(r.code, r.stdout).toBe(0);
    expect(ex.writes().map((e) => `${e.method} ${e.path}`)).toEqual([`PUT /api/v2/pages/${id}`]);
    expect(sb.confluence.pages.get(id)!.title).toBe('Feature 004: Conf Linked - Technical Plan');
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toContain(`confluence_page_id: "${id}"`);
    await c?.assertClean();
  });

  it("stops at a duplicate title that is someone else's page, with both ways out; --update takes the page over", async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 5, 'conf-dup', { title: 'Conf Dup' });
    const title = 'Feature 005: Conf Dup - Technical Plan';
    const theirs = await handMadePage(title);
    const before = p.read(`features/${name}/plan.md`);
    const r = await p.spec(['publish', '--confluence', '--feature=5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 005: Confluence duplicate title → spec publish --confluence --feature=005 --update\n  /);
    expect(r.stdout).toContain(`Confluence page with title "${title}" already exists in space DEV (page ${theirs})`);
    expect(r.stdout).toContain('spec publish --confluence --feature=005 --update');
    expect(r.stdout).toContain('change the title');
    expect(p.read(`features/${name}/plan.md`)).toBe(before);
    expect(pagesTitled(title)).toHaveLength(1);
    expect(log(p.root)).toMatch(/\| Confluence \| 400 Bad Request \| Update the existing item/);

    const r2 = await p.spec(['publish', '--confluence', '--feature=5', '--update']);
    expect(r2.code, r2.stdout).toBe(0);
    expect(r2.stdout).toContain(`✓ 005: Confluence page ${theirs} (existing page, now version 2) created`);
    expect(pagesTitled(title)).toHaveLength(1);
    expect(sb.confluence.pages.get(theirs)!.version.number).toBe(2);
    expect(sb.confluence.pages.get(theirs)!.body.storage.value).toContain('Build conf-dup with care.');
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toContain(`confluence_page_id: "${theirs}"`);
    await c?.assertClean();
  });

  it('finds its own page again when the link and the journal are lost (our marker), without --update and without a duplicate', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 6, 'conf-lost', { title: 'Conf Lost' });
    const plan = p.read(`features/${name}/plan.md`);
    expect((await p.spec(['publish', '--confluence', '--feature=6'])).code).toBe(0);
    const [page] = pagesTitled('Feature 006: Conf Lost - Technical Plan');
    p.write(`features/${name}/plan.md`, plan.replace('step one', 'step one, again'));
    p.write('.spec-state/sync-journal.json', '{"version":1,"items":{}}\n');
    const r = await p.spec(['publish', '--confluence', '--feature=6']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain(`Confluence page ${page!.id} (existing page, now version 2)`);
    expect(pagesTitled('Feature 006: Conf Lost - Technical Plan')).toHaveLength(1);
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toContain(`confluence_page_id: "${page!.id}"`);
    await c?.assertClean();
  });

  it('a process killed between the create and the write-back leaves no duplicate page', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 7, 'conf-killed', { title: 'Conf Killed' });
    const title = 'Feature 007: Conf Killed - Technical Plan';
    const killed = await killAfterCreate(p, sb, ['publish', '--confluence', '--feature=7'], (m, path) => m === 'POST' && path === '/wiki/api/v2/pages');
    expect(killed.signal).toBe('SIGKILL');
    expect(pagesTitled(title)).toHaveLength(1);
    expect(frontmatter(p.read(`features/${name}/plan.md`))).not.toContain('confluence_page_id');
    const ex = recordExchanges(sb);
    const r = await p.spec(['publish', '--confluence', '--feature=7']);
    ex.stop();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [page] = pagesTitled(title);
    expect(pagesTitled(title)).toHaveLength(1);
    expect(r.stdout).toContain(`✓ 007: Confluence page ${page!.id} found and linked (no duplicate)`);
    expect(ex.writes()).toEqual([]);
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toContain(`confluence_page_id: "${page!.id}"`);
    await c?.assertClean();
  });

  it('publishes spec.md as a second page when SPEC_CONFLUENCE_PUBLISH_SPEC is on, linking it in spec.md', async () => {
    const p = await atlassianProject(sb, 'confluence', { SPEC_CONFLUENCE_PUBLISH_SPEC: 'enabled' });
    const name = writeFeature(p, 12, 'conf-spec', { title: 'Conf Spec' });
    const r = await p.spec(['publish', '--confluence', '--feature=12']);
    expect(r.code, r.stdout).toBe(0);
    const [plan] = pagesTitled('Feature 012: Conf Spec - Technical Plan');
    const [spec] = pagesTitled('Feature 012: Conf Spec - Specification');
    expect(plan && spec).toBeTruthy();
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toContain(`confluence_page_id: "${plan!.id}"`);
    expect(frontmatter(p.read(`features/${name}/spec.md`))).toContain(`confluence_page_id: "${spec!.id}"`);
    expect(frontmatter(p.read(`features/${name}/spec.md`))).toContain('title: Conf Spec');
    await c?.assertClean();
  });

  it('says which space is missing and how to fix it', async () => {
    const p = await atlassianProject(sb, 'confluence');
    const name = writeFeature(p, 8, 'conf-space', { title: 'Conf Space' });
    await sb.setFault('confluence', 'space-not-found');
    const r = await p.spec(['publish', '--confluence', '--feature=8']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 008: Confluence not found → spec publish --confluence --feature=008\n  /);
    expect(r.stdout).toContain("Confluence space 'DEV' not found; check SPEC_CONFLUENCE_SPACE");
    expect(frontmatter(p.read(`features/${name}/plan.md`))).toBe('');
    expect(log(p.root)).toMatch(/\| Confluence \| 404 Not Found \| Check the project\/space/);
    await c?.assertClean();
  });

  it('says the root page is missing', async () => {
    const p = await atlassianProject(sb, 'confluence', { SPEC_CONFLUENCE_ROOT_PAGE_ID: '999999' });
    writeFeature(p, 9, 'conf-root', { title: 'Conf Root' });
    const r = await p.spec(['publish', '--confluence', '--feature=9']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('SPEC_CONFLUENCE_ROOT_PAGE_ID=999999 not found');
    expect(pagesTitled('Feature 009: Conf Root - Technical Plan')).toHaveLength(0);
    await c?.assertClean();
  });

  it("explains the vendor's 404 on create as a missing Add Page permission, with the manual way out", async () => {
    const p = await atlassianProject(sb, 'confluence');
    writeFeature(p, 10, 'conf-perm', { title: 'Conf Perm' });
    await sb.setFault('confluence', 'permission');
    const r = await p.spec(['publish', '--confluence', '--feature=10']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ 010: Confluence permission denied → spec publish --confluence --feature=010\n  /);
    expect(r.stdout).toContain("user lacks 'Add Page' permission in space 'DEV'");
    expect(r.stdout).toContain('spec export plan --format=confluence --feature=010');
    expect(log(p.root)).toMatch(/\| Confluence \| 404 Not Found \| Ask an administrator/);
    // Granted: the retry publishes.
    await sb.clearFault('confluence');
    expect((await p.spec(['publish', '--confluence', '--feature=10'])).code).toBe(0);
    expect(pagesTitled('Feature 010: Conf Perm - Technical Plan')).toHaveLength(1);
    await c?.assertClean();
  });

  it('is a usage error without --confluence or --feature', async () => {
    const p = await atlassianProject(sb, 'confluence');
    writeFeature(p, 11, 'conf-usage');
    const a = await p.spec(['publish', '--feature=11']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--confluence');
    const b = await p.spec(['publish', '--confluence']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--feature');
  });
});
