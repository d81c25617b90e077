import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/src/config/load.js';
import { readPending } from '../../scripts/src/state/pending.js';
import type { AnyAdapter, DesiredItem, Tracker } from '../../scripts/src/trackers/contract.js';
import { desiredItems, loadDesireContext } from '../../scripts/src/sync/desired.js';
import { executePlan } from '../../scripts/src/sync/executor.js';
import { readJournal, recordIntents } from '../../scripts/src/sync/journal.js';
import { planSync } from '../../scripts/src/sync/planner.js';
import { summaryLines } from '../../scripts/src/sync/report.js';
import { TrackerError } from '../../scripts/src/trackers/errors.js';
import { snapshot } from '../../scripts/src/workspace/documents.js';
import { listFeatures } from '../../scripts/src/workspace/features.js';
import { tempDir } from '../helpers/project.js';
import { fakeAdapter, newRemote, type FakeRemote } from './fake-adapter.js';
import { ALL_ON, writeFeature } from './fixture.js';

const NO_LINKS = '# Tasks\n- [ ] T001 P2 One\n- [ ] T002 Two (depends on T001)\n';

function project(n = 1, env: Record<string, string> = ALL_ON) {
  const root = tempDir();
  for (let i = 0; i < n; i++) writeFeature(root, 3 + i, `feat-${i}`, { tasks: NO_LINKS });
  return { root, config: loadConfig(root, env) };
}

function plan(root: string, config: ReturnType<typeof loadConfig>, trackers: Tracker[]) {
  const ctx = loadDesireContext(root, config);
  const items: DesiredItem[] = listFeatures(root).flatMap((f) => trackers.flatMap((t) => desiredItems(t, snapshot(f), ctx)));
  return planSync(items, readJournal(root));
}

async function sync(root: string, config: ReturnType<typeof loadConfig>, adapters: Partial<Record<Tracker, AnyAdapter>>) {
  const p = plan(root, config, Object.keys(adapters) as Tracker[]);
  return { plan: p, results: await executePlan(p, { root, adapters, secrets: config.secrets }) };
}

const jiraOnly = (remote: FakeRemote, o = {}) => ({ jira: fakeAdapter('jira', remote, o) as AnyAdapter });

describe('executor', () => {
  it('creates, writes links back, then makes no call at all on an unchanged rerun', async () => {
    const { root, config } = project();
    const remote = newRemote();
    const adapters = { jira: fakeAdapter('jira', remote) as AnyAdapter, github: fakeAdapter('github', remote) as AnyAdapter };
    const first = await sync(root, config, adapters);
    expect(first.results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    const spec = readFileSync(join(root, 'features/003-feat-0/spec.md'), 'utf8');
    expect(spec).toContain('jira_id: PROJ-100');
    expect(readFileSync(join(root, 'features/003-feat-0/tasks.md'), 'utf8')).toMatch(/github_issues:\n  T001: \d+\n  T002: \d+/);
    const journal = readJournal(root);
    expect(Object.values(journal.items).every((e) => e.hash && e.remoteId && !e.intent)).toBe(true);

    remote.calls.length = 0;
    const second = await sync(root, config, adapters);
    expect(second.plan.calls.map((c) => c.action)).toEqual(['noop', 'noop', 'noop']);
    expect(remote.calls).toEqual([]);
    expect(summaryLines(second.results).map((l) => `${l.symbol} ${l.text}`)).toEqual(['- 003: JIRA unchanged', '- 003: GitHub unchanged (2 items)']);

    // A content change → exactly one update of that item.
    const file = join(root, 'features/003-feat-0/spec.md');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Users log in with a password.', 'Users log in with a passkey.'));
    remote.calls.length = 0;
    const third = await sync(root, config, adapters);
    expect(remote.calls).toEqual(['update 003-feat-0/jira/story']);
    expect(summaryLines(third.results).map((l) => `${l.symbol} ${l.text}`)).toContain('✓ 003: PROJ-100 updated');
  });

  it('writes the intent before the create call and clears it after write-back', async () => {
    const { root, config } = project();
    const remote = newRemote();
    const seen: unknown[] = [];
    const base = fakeAdapter('jira', remote);
    const spy: AnyAdapter = { ...base, create: async (items: Array<DesiredItem<'jira'>>) => {
      seen.push(readJournal(root).items[items[0]!.key]?.intent);
      return base.create(items);
    } };
    await sync(root, config, { jira: spy });
    expect(seen[0]).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(readJournal(root).items['003-feat-0/jira/story']?.intent).toBeUndefined();
  });

  it('after a crash between create and write-back, finds the orphan instead of creating a duplicate', async () => {
    const { root, config } = project();
    const remote = newRemote();
    // Run 1 "dies": the create reached the tracker, the intent is in the journal, no link was written.
    const p = plan(root, config, ['jira']);
    const item = p.calls[0]!.item;
    recordIntents(root, [{ key: item.key, hash: item.hash }]);
    await fakeAdapter('jira', remote).create([item as DesiredItem<'jira'>]);
    remote.calls.length = 0;

    const rerun = await sync(root, config, jiraOnly(remote));
    expect(rerun.plan.calls[0]?.action).toBe('adopt');
    expect(remote.calls).toEqual(['find 003-feat-0/jira/story', 'writeBack 003-feat-0/jira/story']);
    expect(remote.items.size).toBe(1);
    expect(readFileSync(join(root, 'features/003-feat-0/spec.md'), 'utf8')).toContain('jira_id: PROJ-100');
    expect(summaryLines(rerun.results)[0]?.text).toBe('003: PROJ-100 found and linked (no duplicate)');
    expect(readJournal(root).items[item.key]).toMatchObject({ remoteId: 'PROJ-100', hash: item.hash });
  });

  it('creates after all when the intent left nothing behind remotely', async () => {
    const { root, config } = project();
    const remote = newRemote();
    const item = plan(root, config, ['jira']).calls[0]!.item;
    recordIntents(root, [{ key: item.key, hash: item.hash }]);
    await sync(root, config, jiraOnly(remote));
    expect(remote.calls).toEqual(['find 003-feat-0/jira/story', 'create 003-feat-0/jira/story', 'writeBack 003-feat-0/jira/story']);
  });

  it('batches creates within the adapter limit', async () => {
    const { root, config } = project(120);
    const remote = newRemote();
    const { results } = await sync(root, config, jiraOnly(remote, { batchSize: 50 }));
    expect(remote.calls.filter((c) => c.startsWith('create')).length).toBe(3);
    expect(results.filter((r) => r.outcome === 'created').length).toBe(120);
    expect(new Set(results.map((r) => r.remote?.id)).size).toBe(120);
  });

  it('fails single items, defers the rest of a tracker after a final rate limit, and never stops other trackers', async () => {
    const { root, config } = project(4);
    const remote = newRemote();
    const failCreate = (item: DesiredItem, n: number) =>
      n === 1 ? new TrackerError({ kind: 'validation', integration: 'jira', message: 'Field customfield_1 is required', status: 400, field: 'customfield_1' })
      : n === 2 ? new TrackerError({ kind: 'rate-limit', integration: 'jira', message: 'Rate limited twice', status: 429, statusText: '429 Too Many Requests' })
      : undefined;
    const { results } = await sync(root, config, {
      jira: fakeAdapter('jira', remote, { failCreate }) as AnyAdapter,
      github: fakeAdapter('github', remote) as AnyAdapter,
    });
    const jira = results.filter((r) => r.tracker === 'jira');
    expect(jira.map((r) => r.outcome).sort()).toEqual(['deferred', 'deferred', 'failed', 'failed']);
    expect(results.filter((r) => r.tracker === 'github').every((r) => r.outcome === 'created')).toBe(true);
    expect(readPending(root).map((p) => `${p.feature}:${p.tracker}:${p.item}:${p.kind}`).sort()).toEqual([
      '003-feat-0:jira:story:validation', '004-feat-1:jira:story:rate-limit', '005-feat-2:jira:story:rate-limit', '006-feat-3:jira:story:rate-limit',
    ]);
    const lines = summaryLines(results).map((l) => `${l.symbol} ${l.text}`);
    expect(lines).toContain('✗ 003: JIRA field rejected → spec sync --feature=003');
    expect(lines).toContain('✗ 005: JIRA rate limited, not attempted → spec sync --pending');
    const log = readFileSync(join(root, '.spec-state/integration-errors.log'), 'utf8');
    expect(log).toMatch(/\| JIRA \| 429 Too Many Requests \| Rate limit/);
    expect(log).not.toContain('secret');
    // The rate-limited create left its intent: the next run looks it up before creating.
    expect(readJournal(root).items['004-feat-1/jira/story']?.intent).toBeDefined();

    // A later run with a healthy tracker clears the pending list.
    remote.calls.length = 0;
    await sync(root, config, jiraOnly(remote));
    expect(readPending(root)).toEqual([]);
    expect(remote.calls.filter((c) => c.startsWith('find')).length).toBe(2); // the two creates that were attempted
  });

  it('gives Linear sub-issues their parent and defers them when the parent failed', async () => {
    const { root, config } = project(1, { ...ALL_ON, SPEC_LINEAR_TASK_ISSUES: 'true' });
    const remote = newRemote();
    const { results } = await sync(root, config, { linear: fakeAdapter('linear', remote) as AnyAdapter });
    expect(results.map((r) => r.outcome)).toEqual(['created', 'created', 'created']);
    const parentId = results[0]!.remote!.id;
    expect([...remote.items.values()].filter((x) => x.parent === parentId).length).toBe(2);

    const { root: r2, config: c2 } = project(1, { ...ALL_ON, SPEC_LINEAR_TASK_ISSUES: 'true' });
    const auth = () => new TrackerError({ kind: 'server', integration: 'linear', message: 'boom', status: 500 });
    const res2 = (await sync(r2, c2, { linear: fakeAdapter('linear', newRemote(), { failCreate: (i) => (i.item === 'issue' ? auth() : undefined) }) as AnyAdapter })).results;
    expect(res2.map((r) => r.outcome)).toEqual(['failed', 'deferred', 'deferred']);
  });

  it('stops a tracker after an authentication error and says how to retry', async () => {
    const { root, config } = project(3);
    const remote = newRemote();
    const auth = () => new TrackerError({ kind: 'auth', integration: 'jira', message: 'Unauthorized', status: 401, statusText: '401 Unauthorized' });
    const { results } = await sync(root, config, jiraOnly(remote, { failCreate: auth }));
    expect(remote.calls.filter((c) => c.startsWith('create')).length).toBe(1);
    expect(summaryLines(results).map((l) => l.text)).toEqual([
      '003: JIRA authentication error → spec sync --feature=003',
      '004: JIRA authentication error, not attempted → spec sync --pending',
      '005: JIRA authentication error, not attempted → spec sync --pending',
    ]);
  });
});
