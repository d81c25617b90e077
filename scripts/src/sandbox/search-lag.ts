// Jira's /rest/api/3/search/jql is eventually consistent: an issue created a moment ago may be
// missing from search results "from a few seconds to minutes", unless its id is passed in
// `reconcileIssues` (max 50 ids). Source: developer.atlassian.com/cloud/jira/platform/search-and-reconcile,
// JRACLOUD-96208; the sandbox lags the same way so the de-duplication guards are tested against it.
// The lag runs on the emulated clock, so a scaled clock shortens it in tests.
import type { ScaledClock } from '../core/scaled-clock.js';

export const RECONCILE_MAX = 50;

export class SearchIndex {
  /** Seconds between a create and its appearance in search (0: index at once). */
  lagSeconds = 0;
  private readonly visibleAt = new Map<string, number>();

  constructor(private readonly clock: ScaledClock) {}

  /** An issue (by id) was just created: it reaches the index after the lag. */
  created(id: string): void {
    this.visibleAt.set(id, this.clock.now() + this.lagSeconds * 1000);
  }

  /** Whether search sees this issue now (reconciled ids are always seen). */
  visible(id: string, reconcile: ReadonlySet<string>): boolean {
    return reconcile.has(id) || (this.visibleAt.get(id) ?? 0) <= this.clock.now();
  }

  /** Everything created so far is indexed (used when state is loaded from disk). */
  settle(): void {
    this.visibleAt.clear();
  }
}

/** `reconcileIssues` from a POST body (array) or GET query (`reconcileIssues=1,2` or repeated): ids, or an error. */
export function reconcileIds(raw: unknown): Set<string> | string {
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : String(raw).split(',');
  const ids = list.map((x) => String(x).trim()).filter(Boolean);
  if (ids.some((x) => !/^\d+$/.test(x))) return 'reconcileIssues takes numeric issue ids.';
  if (ids.length > RECONCILE_MAX) return `reconcileIssues accepts at most ${RECONCILE_MAX} ids.`;
  return new Set(ids);
}
