// Execute: run a plan against the adapters. Each tracker runs on its own (concurrently with the others);
// a failure costs only its item, except the kinds after which the tracker's other calls are pointless
// (a final rate limit, bad credentials): those defer the rest of that tracker's items to `--pending`.
import { redact } from '../config/redact.js';
import { appendErrorLog } from '../state/error-log.js';
import { updatePending, type PendingItem } from '../state/pending.js';
import { recordIntegration } from '../state/session.js';
import { TRACKER_NAMES } from '../config/keys.js';
import { TrackerError, type ErrorKind } from '../trackers/errors.js';
import { logFailure, rememberFailure } from '../trackers/record.js';
import type { AnyAdapter, DesiredItem, RemoteRef, Tracker } from '../trackers/contract.js';
import { LINK_PATTERNS } from '../workspace/links.js';
import { NETWORK_FAILURES_BEFORE_SKIP } from '../trackers/policy.js';
import { clearIntents, recordIntents, recordSynced, type SyncedRecord } from './journal.js';
import type { PlannedCall, SyncPlan } from './planner.js';

export type Outcome = 'created' | 'updated' | 'adopted' | 'unchanged' | 'failed' | 'deferred';

export interface ItemResult {
  key: string;
  tracker: Tracker;
  feature: string;
  featureId: string;
  item: string;
  label: string;
  outcome: Outcome;
  remote?: RemoteRef;
  error?: { kind: ErrorKind; message: string; status?: number; statusText: string; field?: string };
  warning?: string;
}

export interface ExecuteOptions {
  root: string;
  adapters: Partial<Record<Tracker, AnyAdapter>>;
  secrets: readonly string[];
  /** Called after every finished item (progress bar). */
  onItem?: (result: ItemResult, done: number, total: number) => void;
}

/** Kinds after which the rest of a tracker's calls in this run would fail the same way. */
const STOPS_TRACKER: ReadonlySet<ErrorKind> = new Set(['rate-limit', 'auth', 'not-configured', 'invalid-config']);

/** What an id of each tracker looks like: a 2xx without one (truncated body, missing key) is a server failure. */
const REMOTE_ID: Record<Tracker, RegExp> = { jira: LINK_PATTERNS.jira, confluence: LINK_PATTERNS.confluence, linear: LINK_PATTERNS.linear, github: /^[0-9]+$/ };

const base = (i: DesiredItem) => ({ key: i.key, tracker: i.tracker, feature: i.feature.name, featureId: i.feature.id, item: i.item, label: i.label });

function errorOf(e: TrackerError, secrets: readonly string[]): NonNullable<ItemResult['error']> {
  return { kind: e.kind, message: redact(e.message, secrets), statusText: e.statusText, ...(e.status ? { status: e.status } : {}), ...(e.field ? { field: e.field } : {}) };
}

async function runTracker(tracker: Tracker, calls: PlannedCall[], adapter: AnyAdapter | undefined, opts: ExecuteOptions, emit: (r: ItemResult) => void): Promise<void> {
  const { root, secrets } = opts;
  const resolved = new Map<string, RemoteRef>();
  for (const c of calls) if (c.remote) resolved.set(c.item.key, c.remote);
  let stopped: TrackerError | undefined;

  let networkStreak = 0;
  const fail = (item: DesiredItem, e: TrackerError) => {
    emit({ ...base(item), outcome: 'failed', error: errorOf(e, secrets) });
    if (STOPS_TRACKER.has(e.kind)) stopped ??= e;
    // Bounded runs: after two network failures in a row the rest of this tracker's work is pending, not attempted.
    networkStreak = e.kind === 'network' ? networkStreak + 1 : 0;
    if (networkStreak >= NETWORK_FAILURES_BEFORE_SKIP) {
      stopped ??= new TrackerError({ kind: 'network', integration: tracker, statusText: e.statusText, message: `${TRACKER_NAMES[tracker]} failed ${NETWORK_FAILURES_BEFORE_SKIP} times in a row (${e.statusText}); the rest of its work is left for spec sync --pending`, notSent: true });
    }
  };
  const defer = (item: DesiredItem, why: TrackerError) => emit({ ...base(item), outcome: 'deferred', error: errorOf(why, secrets) });
  const done = async (call: PlannedCall, outcome: Outcome, remote: RemoteRef, synced: SyncedRecord[]) => {
    networkStreak = 0;
    if (typeof remote?.id !== 'string' || !REMOTE_ID[tracker].test(remote.id)) {
      throw new TrackerError({ kind: 'server', integration: tracker, statusText: 'Bad response', message: `${TRACKER_NAMES[tracker]} answered without a valid id for ${call.item.label}; nothing was linked` });
    }
    const before = call.remote;
    if (!before || before.id !== remote.id || (remote.url && remote.url !== before.url)) await adapter!.writeBack(call.item as never, remote);
    resolved.set(call.item.key, remote);
    // A partial success (story created, epic not linked) is not "in sync": no hash, so the next run updates it again.
    synced.push({ key: call.item.key, hash: remote.warning ? '' : call.item.hash, remoteId: remote.id, ...(remote.url ? { url: remote.url } : {}) });
    emit({ ...base(call.item), outcome, remote, ...(remote.warning ? { warning: redact(remote.warning, secrets) } : {}) });
  };
  const guard = async (item: DesiredItem, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      fail(item, error);
    }
  };

  for (const c of calls.filter((x) => x.action === 'noop')) emit({ ...base(c.item), outcome: 'unchanged', ...(c.remote ? { remote: c.remote } : {}) });
  const work = calls.filter((x) => x.action !== 'noop');
  if (!work.length) return;
  if (!adapter) {
    const e = new TrackerError({ kind: 'not-configured', integration: tracker, message: `no ${TRACKER_NAMES[tracker]} adapter in this build` });
    for (const c of work) fail(c.item, e);
    return;
  }
  try {
    await adapter.prepare?.(work.map((c) => c.item) as never);
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
    for (const c of work) fail(c.item, error);
    return;
  }

  // Parents first (a Linear sub-issue needs its feature issue).
  const waves = [work.filter((c) => !c.item.parentKey), work.filter((c) => c.item.parentKey)];
  for (const wave of waves) {
    const creates: PlannedCall[] = [];
    const synced: SyncedRecord[] = [];
    const ready = (c: PlannedCall): boolean => {
      if (stopped) {
        defer(c.item, stopped);
        return false;
      }
      if (c.item.parentKey) {
        const parent = resolved.get(c.item.parentKey);
        if (!parent) {
          defer(c.item, new TrackerError({ kind: 'validation', integration: tracker, message: 'parent item not synced' }));
          return false;
        }
        c.item.parent = parent;
      }
      return true;
    };
    for (const c of wave.filter((x) => x.action === 'update' || x.action === 'adopt')) {
      if (!ready(c)) continue;
      await guard(c.item, async () => {
        if (c.action === 'update') {
          const remote = await adapter.update(c.item as never, c.remote as RemoteRef);
          await done(c, 'updated', remote, synced);
          return;
        }
        const orphan = await adapter.findOrphan(c.item as never);
        if (!orphan) {
          creates.push(c);
          return;
        }
        const remote = c.intentHash === c.item.hash ? orphan : await adapter.update(c.item as never, orphan);
        await done(c, 'adopted', remote, synced);
      });
    }
    creates.push(...wave.filter((x) => x.action === 'create'));
    recordSynced(root, synced.splice(0));
    const size = Math.max(1, adapter.batchSize);
    for (let i = 0; i < creates.length; i += size) {
      const chunk = creates.slice(i, i + size).filter(ready);
      if (!chunk.length) continue;
      recordIntents(root, chunk.map((c) => ({ key: c.item.key, hash: c.item.hash })));
      let results: Array<RemoteRef | TrackerError>;
      try {
        results = await adapter.create(chunk.map((c) => c.item) as never);
      } catch (error) {
        if (!(error instanceof TrackerError)) throw error;
        results = chunk.map(() => error);
      }
      const notSent: string[] = [];
      for (const [j, c] of chunk.entries()) {
        const r = results[j] ?? new TrackerError({ kind: 'server', integration: tracker, message: 'no result for this item in the batch response' });
        if (r instanceof TrackerError) {
          if (r.notSent) notSent.push(c.item.key);
          fail(c.item, r);
          continue;
        }
        await guard(c.item, () => done(c, 'created', r, synced));
      }
      recordSynced(root, synced.splice(0));
      clearIntents(root, notSent);
    }
  }
}

/** Runs the plan; records failures in sync-pending.json, the error log and the session. */
export async function executePlan(plan: SyncPlan, opts: ExecuteOptions): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  const total = plan.calls.length;
  const emit = (r: ItemResult) => {
    results.push(r);
    opts.onItem?.(r, results.length, total);
  };
  const byTracker = new Map<Tracker, PlannedCall[]>();
  for (const c of plan.calls) byTracker.set(c.item.tracker, [...(byTracker.get(c.item.tracker) ?? []), c]);
  await Promise.all([...byTracker].map(([t, calls]) => runTracker(t, calls, opts.adapters[t], opts, emit)));
  record(opts.root, plan, results, opts.secrets);
  return results;
}

function record(root: string, plan: SyncPlan, results: ItemResult[], secrets: readonly string[]): void {
  const at = new Date().toISOString();
  const failed: PendingItem[] = results
    .filter((r) => r.outcome === 'failed' || r.outcome === 'deferred')
    .map((r) => ({ feature: r.feature, tracker: r.tracker, item: r.item, kind: r.error?.kind ?? 'server', message: r.outcome === 'deferred' ? `not attempted: ${r.error?.message ?? ''}` : (r.error?.message ?? ''), at }));
  updatePending(root, plan.calls.map((c) => ({ feature: c.item.feature.name, tracker: c.item.tracker, item: c.item.item })), failed);
  // One log line per tracker and failure kind, not one per item: 300 rate-limited items are one event.
  const logged = new Set<string>();
  for (const r of results) {
    if (r.warning) appendErrorLog(root, { service: TRACKER_NAMES[r.tracker], status: 'Partial success', hint: `${r.featureId} ${r.remote?.display ?? r.remote?.id ?? ''}: ${r.warning}` }, secrets);
    if (r.outcome !== 'failed' || !r.error) continue;
    const k = `${r.tracker}\u0000${r.error.kind}\u0000${r.error.statusText}`;
    if (logged.has(k)) continue;
    logged.add(k);
    logFailure(root, { ...r.error, integration: r.tracker }, secrets);
  }
  const trackers = new Set(plan.calls.map((c) => c.item.tracker));
  for (const t of trackers) {
    const mine = results.filter((r) => r.tracker === t);
    const bad = mine.find((r) => r.outcome === 'failed') ?? mine.find((r) => r.outcome === 'deferred');
    if (!bad?.error) {
      recordIntegration(root, t, { ok: true, message: `${mine.length} item(s) in sync` }, secrets);
      continue;
    }
    // Whatever failed, the run recorded its items pending: that is what retries them.
    rememberFailure(root, { ...bad.error, integration: t }, secrets, { operation: 'pending' });
  }
}
