import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/src/config/load.js';
import type { DesiredItem } from '../../scripts/src/trackers/contract.js';
import { desiredItems, loadDesireContext } from '../../scripts/src/sync/desired.js';
import type { Journal } from '../../scripts/src/sync/journal.js';
import { onlyPending, planItem, planSync, selectFeatures, selectTrackers } from '../../scripts/src/sync/planner.js';
import { snapshot } from '../../scripts/src/workspace/documents.js';
import { listFeatures, resolveFeature, type FeatureRef } from '../../scripts/src/workspace/features.js';
import { tempDir } from '../helpers/project.js';
import { ALL_ON, writeFeature } from './fixture.js';


function setup(env: Record<string, string> = ALL_ON) {
  const root = tempDir();
  writeFeature(root, 3, 'user-auth');
  writeFeature(root, 4, 'billing', { tasks: '# Tasks\n- [ ] T001 Charge card\n' });
  const config = loadConfig(root, env);
  const ctx = loadDesireContext(root, config);
  const items = (f: FeatureRef) => (['jira', 'confluence', 'linear', 'github'] as const).flatMap((t) => desiredItems(t, snapshot(f), ctx));
  return { root, config, features: listFeatures(root), items };
}

const empty = (): Journal => ({ version: 1, items: {} });
const by = (items: DesiredItem[], key: string) => items.find((i) => i.key === key) as DesiredItem;

describe('desired items', () => {
  it('declares one item per tracker thing, with stable keys, hashes and frontmatter links', () => {
    const { features, items } = setup();
    const list = items(features[0]!);
    expect(list.map((i) => i.key)).toEqual([
      '003-user-auth/jira/story',
      '003-user-auth/confluence/plan',
      '003-user-auth/linear/issue',
      '003-user-auth/github/T001',
      '003-user-auth/github/T002',
    ]);
    expect(by(list, '003-user-auth/github/T001').linked).toEqual({ id: '12', display: '#12' });
    expect(by(list, '003-user-auth/jira/story').linked).toBeUndefined();
    expect(list.every((i) => /^[0-9a-f]{64}$/.test(i.hash))).toBe(true);
    expect(items(features[0]!).map((i) => i.hash)).toEqual(list.map((i) => i.hash));
  });

  it('adds Linear sub-issues per task when asked, linked through the journal, under their parent', () => {
    const { features, items } = setup({ ...ALL_ON, SPEC_LINEAR_TASK_ISSUES: 'true' });
    const sub = by(items(features[0]!), '003-user-auth/linear/T001');
    expect(sub).toMatchObject({ linkInJournal: true, parentKey: '003-user-auth/linear/issue', taskId: 'T001' });
  });
});

describe('planner', () => {
  it('chooses create, update, noop and adopt', () => {
    const { features, items } = setup();
    const list = items(features[0]!);
    const story = by(list, '003-user-auth/jira/story');
    const t1 = by(list, '003-user-auth/github/T001');
    expect(planItem(story, empty()).action).toBe('create');
    // Linked, journal agrees → no call at all.
    expect(planItem(t1, { version: 1, items: { [t1.key]: { hash: t1.hash, remoteId: '12' } } }).action).toBe('noop');
    expect(planItem(t1, { version: 1, items: { [t1.key]: { hash: 'old', remoteId: '12' } } })).toMatchObject({ action: 'update', reason: 'content changed' });
    // Linked by hand (spec link / MCP), never synced here → update, treated like our own.
    expect(planItem(t1, empty())).toMatchObject({ action: 'update', remote: { id: '12' } });
    // Intent without a link: a create may have happened → look it up first.
    const adopt = planItem(story, { version: 1, items: { [story.key]: { intent: { at: '2025-01-01T00:00:00Z', hash: 'h' } } } });
    expect(adopt).toMatchObject({ action: 'adopt', intentHash: 'h' });
    expect(planItem(story, { version: 1, items: { [story.key]: { hash: story.hash, remoteId: 'PROJ-5' } } })).toMatchObject({ action: 'adopt', reason: 'link lost (was PROJ-5)' });
    // An intent on a linked item (write-back happened, journal not yet updated) → update, never a duplicate.
    expect(planItem(t1, { version: 1, items: { [t1.key]: { hash: t1.hash, remoteId: '12', intent: { at: 'x', hash: t1.hash } } } }).action).toBe('update');
  });

  it('uses the journal link for items without a frontmatter home', () => {
    const { features, items } = setup({ ...ALL_ON, SPEC_LINEAR_TASK_ISSUES: 'true' });
    const sub = by(items(features[0]!), '003-user-auth/linear/T001');
    expect(planItem(sub, { version: 1, items: { [sub.key]: { hash: sub.hash, remoteId: 'lin-9' } } })).toMatchObject({ action: 'noop', remote: { id: 'lin-9' } });
  });

  it('plans every tracker of every selected feature', () => {
    const { features, items } = setup();
    const plan = planSync(features.flatMap(items), empty());
    expect(plan.calls.filter((c) => c.action === 'create').length).toBe(8);
    expect(plan.calls.filter((c) => c.action === 'update').map((c) => c.item.key)).toEqual(['003-user-auth/github/T001']);
  });
});

describe('selection', () => {
  it('selects features by --feature, --features, --all-features and --pending', () => {
    const { root, features } = setup();
    const resolve = (q: string) => resolveFeature(root, q);
    expect(selectFeatures(features, { feature: '3' }, [], resolve).map((f) => f.id)).toEqual(['003']);
    expect(selectFeatures(features, { features: '004,003,3' }, [], resolve).map((f) => f.id)).toEqual(['003', '004']);
    expect(selectFeatures(features, { allFeatures: true }, [], resolve).length).toBe(2);
    const pending = [{ feature: '004-billing', tracker: 'github' as const, item: 'T001', kind: 'rate-limit', message: '', at: '' }];
    expect(selectFeatures(features, { pending: true }, pending, resolve).map((f) => f.id)).toEqual(['004']);
    expect(() => selectFeatures(features, { feature: '3', allFeatures: true }, [], resolve)).toThrow(/choose one/);
    expect(() => selectFeatures(features, {}, [], resolve)).toThrow(/--feature=N/);
  });

  it('narrows trackers with --only and reports unready ones', () => {
    const { config } = setup();
    expect(selectTrackers(config).trackers).toEqual(['jira', 'confluence', 'linear', 'github']);
    expect(selectTrackers(config, 'github,jira').trackers).toEqual(['jira', 'github']);
    expect(() => selectTrackers(config, 'jira,trello')).toThrow(/trello/);
    const partial = loadConfig(tempDir(), { SPEC_LINEAR_SYNC: 'enabled' });
    const sel = selectTrackers(partial, 'linear,jira');
    expect(sel.trackers).toEqual([]);
    expect(sel.skipped.map((s) => s.reason)).toEqual([expect.stringContaining('JIRA not configured (SPEC_ATLASSIAN_SYNC not enabled)'), expect.stringContaining('Linear configuration incomplete: missing SPEC_LINEAR_API_KEY')]);
  });

  it('keeps exactly the pending items', () => {
    const { features, items } = setup();
    const all = features.flatMap(items);
    const kept = onlyPending(all, [{ feature: '003-user-auth', tracker: 'github', item: 'T002', kind: 'server', message: '', at: '' }]);
    expect(kept.map((i) => i.key)).toEqual(['003-user-auth/github/T002']);
  });
});
