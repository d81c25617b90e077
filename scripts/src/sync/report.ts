// What a sync run says: the plan (--dry-run), a progress bar on a terminal or plain lines elsewhere,
// and the closing summary in the seed's form (`✓ 003: PROJ-123 created`, `✗ 004: JIRA … → …`).
import { TRACKER_NAMES } from '../config/keys.js';
import type { Output } from '../core/output.js';
import { ADVICE, recoveryCommand } from '../trackers/recovery.js';
import { TRACKERS, type Tracker } from '../trackers/contract.js';
import type { ItemResult, Outcome } from './executor.js';
import { countActions, type SyncPlan } from './planner.js';

const NOUN: Record<Tracker, string> = { jira: '', confluence: 'Confluence page ', linear: 'Linear ', github: 'GitHub ' };

const remoteName = (r: ItemResult) => `${NOUN[r.tracker]}${r.remote?.display ?? r.remote?.id ?? r.item}`;

export function planLines(plan: SyncPlan): string[] {
  const lines: string[] = [];
  for (const c of plan.calls) {
    const i = c.item;
    const target = c.remote ? ` ${c.remote.display ?? c.remote.id}` : '';
    lines.push(`${c.action.padEnd(6)} ${i.feature.id}: ${i.label}${target} (${c.reason})`);
  }
  for (const s of plan.skipped) lines.push(`skip   ${s.reason}`);
  const n = countActions(plan.calls);
  lines.push(`Plan: ${n.create} create, ${n.update} update, ${n.adopt} adopt (look up first), ${n.noop} unchanged`);
  return lines;
}

/** What the user types next for a failed item; one not attempted is recorded pending. */
const retryCommand = (r: ItemResult) => recoveryCommand(r.tracker, r.error?.kind ?? 'server', r.outcome === 'deferred' ? { operation: 'pending' } : { feature: r.featureId });

/** Seed-style summary lines; several task issues of one feature with one outcome share a line. */
export function summaryLines(results: ItemResult[]): Array<{ symbol: '✓' | '✗' | '-'; text: string; details?: string[] }> {
  const order: Outcome[] = ['created', 'adopted', 'updated', 'unchanged', 'failed', 'deferred'];
  const groups = new Map<string, ItemResult[]>();
  const sorted = [...results].sort((a, b) => a.featureId.localeCompare(b.featureId) || TRACKERS.indexOf(a.tracker) - TRACKERS.indexOf(b.tracker) || order.indexOf(a.outcome) - order.indexOf(b.outcome));
  for (const r of sorted) {
    const k = `${r.featureId}\u0000${r.tracker}\u0000${r.outcome}\u0000${r.error?.kind ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: Array<{ symbol: '✓' | '✗' | '-'; text: string; details?: string[] }> = [];
  for (const list of groups.values()) {
    const r = list[0] as ItemResult;
    const label = TRACKER_NAMES[r.tracker];
    switch (r.outcome) {
      case 'created':
      case 'updated':
      case 'adopted': {
        const names = list.map((x) => x.remote?.display ?? x.remote?.id ?? x.item);
        const shown = names.length > 6 ? `${names.slice(0, 5).join(', ')} … (${names.length} items)` : names.join(', ');
        const verb = r.outcome === 'adopted' ? 'found and linked (no duplicate)' : r.outcome;
        out.push({ symbol: '✓', text: `${r.featureId}: ${NOUN[r.tracker]}${shown} ${verb}` });
        for (const w of list.filter((x) => x.warning)) out.push({ symbol: '✗', text: `${w.featureId}: ${remoteName(w)} ${w.warning}` });
        break;
      }
      case 'unchanged':
        out.push({ symbol: '-', text: `${r.featureId}: ${label} unchanged${list.length > 1 ? ` (${list.length} items)` : ''}` });
        break;
      case 'failed':
      case 'deferred': {
        // Held because someone edited the item remotely: not a failure to retry, a change to review.
        const edited = list.filter((x) => x.error?.statusText === 'Edited remotely');
        if (edited.length === list.length) {
          for (const x of edited) out.push({ symbol: '✗', text: `${x.featureId}: ${x.error?.message} → spec pull --feature=${x.featureId} to review (or spec sync --feature=${x.featureId} --force to overwrite it)` });
          break;
        }
        const what = r.error ? ADVICE[r.error.kind].phrase : 'failed';
        const items = list.length > 1 || r.tracker === 'github' ? ` (${list.map((x) => x.item).join(', ')})` : '';
        const tail = r.outcome === 'deferred' ? ', not attempted' : '';
        // The tracker's own words (which field, which page) under the line, once each; not for items never attempted.
        const details = r.outcome === 'failed' && r.error?.kind !== 'not-configured' ? [...new Set(list.map((x) => x.error?.message).filter((m): m is string => Boolean(m)))] : [];
        out.push({ symbol: '✗', text: `${r.featureId}: ${label} ${what}${items}${tail} → ${retryCommand(r)}`, ...(details.length ? { details } : {}) });
        break;
      }
    }
  }
  return out;
}

export function printSummary(out: Output, results: ItemResult[]): void {
  for (const l of summaryLines(results)) {
    if (l.symbol === '✓') out.ok(l.text);
    else if (l.symbol === '✗') out.fail(l.text);
    else out.skip(l.text);
    // The tracker's reason (which field, which page, what to do), indented under its ✗ line.
    for (const d of l.details ?? []) out.line(`  ${d}`);
  }
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  out.set({
    results,
    summary: { created: count('created'), adopted: count('adopted'), updated: count('updated'), unchanged: count('unchanged'), failed: count('failed'), deferred: count('deferred') },
  });
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A one-line bar with counts on a terminal; otherwise one plain line per finished item. Both on stderr. */
export function progressReporter(stream: ProgressStream, enabled = true): { onItem: (r: ItemResult, done: number, total: number) => void; end: () => void } {
  const counts: Record<string, number> = {};
  let drawn = false;
  return {
    onItem(r, done, total) {
      if (!enabled) return;
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
      if (stream.isTTY) {
        const width = 24;
        const fill = total ? Math.round((done / total) * width) : width;
        const parts = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ');
        stream.write(`\r\x1b[2K[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${total} ${parts}`);
        drawn = true;
      } else {
        stream.write(`[${done}/${total}] ${r.featureId}: ${r.label} ${r.outcome}${r.remote ? ` (${r.remote.display ?? r.remote.id})` : ''}\n`);
      }
    },
    end() {
      if (drawn) stream.write('\n');
    },
  };
}
