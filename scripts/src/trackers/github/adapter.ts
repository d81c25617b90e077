// GitHub sync: one issue per task (`T001: …`), labelled `spec`, `spec-003-<slug>`, `feature-003` and the
// priority; the issue number goes back into tasks.md's `github_issues`. De-duplication: before creating,
// the feature's issues are listed by its label (all states, every page) and a task whose hidden marker
// `<!-- spec:003-slug:T001 -->` (or `T001:` title) is already there is linked instead of created again.
// A checked task closes its issue; an issue closed on GitHub checks its task (reconcile).
// Labels: the shared ones (`spec`, `P1`–`P3`) are created once with a colour and description; the
// per-feature ones come into being with the first issue that carries them, as GitHub does for any
// label named in an issue create — that keeps content-creating requests to one per task.
import type { Adapter, AdapterContext, DesiredItem, RemoteRef } from '../contract.js';
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { FeatureRef } from '../../workspace/features.js';
import { writeGithubIssues } from '../../workspace/links.js';
import { TrackerError } from '../errors.js';
import { featureLabel, taskMarker } from '../render/feature-meta.js';
import { fillDependencyNumbers } from '../render/issue-body.js';
import { linkedIssueNumbers } from './payload.js';
import { GithubClient, labelNames, type GhIssue, type IssueWrite } from './client.js';
import { checkTasks, reconcileChanges, refreshAfterReconcile } from './reconcile.js';

const SHARED_LABELS: Record<string, { color: string; description: string }> = {
  spec: { color: '5319e7', description: 'Created from a spec feature (spec sync)' },
  P1: { color: 'b60205', description: 'Priority 1' },
  P2: { color: 'fbca04', description: 'Priority 2' },
  P3: { color: '0e8a16', description: 'Priority 3' },
};

/** Labels spec manages: replaced on update; anything else a human added stays. */
const managed = (name: string) => name === 'spec' || /^P[1-3]$/.test(name) || /^spec-\d{3,}-/.test(name) || /^feature-\d{3,}$/.test(name);

export const issueRef = (i: Pick<GhIssue, 'number' | 'html_url' | 'state'>): RemoteRef => ({ id: String(i.number), url: i.html_url, display: `#${i.number}`, state: i.state });

/** The issue of this task among the feature's labelled issues: hidden marker first, then the `T001:` title. */
export function findTaskIssue(issues: GhIssue[], feature: FeatureRef, taskId: string): GhIssue | undefined {
  const marker = taskMarker(feature, taskId);
  return issues.find((i) => (i.body ?? '').includes(marker)) ?? issues.find((i) => i.title.startsWith(`${taskId}:`));
}

export function githubAdapter(ctx: AdapterContext): Adapter<'github'> {
  const gh = new GithubClient(ctx.config, { env: ctx.env });
  const listings = new Map<string, Promise<GhIssue[]>>();
  const milestones = new Map<string, number>();

  const listed = (f: FeatureRef): Promise<GhIssue[]> => {
    let p = listings.get(f.name);
    if (!p) {
      p = gh.issuesLabelled(featureLabel(f));
      p.catch(() => listings.delete(f.name));
      listings.set(f.name, p);
    }
    return p;
  };
  const remember = async (f: FeatureRef, issue: GhIssue) => {
    const list = listings.has(f.name) ? await listed(f) : undefined;
    if (!list) return;
    const at = list.findIndex((i) => i.number === issue.number);
    if (at >= 0) list[at] = issue;
    else list.push(issue);
  };
  const milestoneOf = (item: DesiredItem<'github'>): number | undefined => (item.payload.milestone ? milestones.get(item.payload.milestone) : undefined);
  /** The body with the numbers of dependencies created since the plan was made (earlier in this run). */
  const bodyOf = (item: DesiredItem<'github'>, issues: GhIssue[]): string =>
    fillDependencyNumbers(item.payload.body, (id) => findTaskIssue(issues, item.feature, id)?.number);

  async function update(item: DesiredItem<'github'>, remote: RemoteRef): Promise<RemoteRef> {
    const n = Number(remote.id);
    const issues = await listed(item.feature);
    const current = issues.find((i) => i.number === n) ?? (await gh.issue(n));
    if (!current) throw new TrackerError({ kind: 'not-found', integration: 'github', status: 404, statusText: '404 Not Found', message: `GitHub issue #${n} (${item.item}) no longer exists; relink it with spec link --feature=${item.feature.id} --github=${item.item}:<number>` });
    const p = { ...item.payload, body: bodyOf(item, issues) };
    const keep = labelNames(current).filter((l) => !managed(l) && !p.labels.includes(l));
    const labels = [...p.labels, ...keep];
    const state = item.done ? 'closed' : 'open';
    const change: IssueWrite = {};
    if (current.title !== p.title) change.title = p.title;
    if ((current.body ?? '') !== p.body) change.body = p.body;
    const have = labelNames(current);
    if (have.length !== labels.length || labels.some((l) => !have.includes(l))) change.labels = labels;
    const milestone = milestoneOf(item) ?? null;
    if (p.milestone !== undefined && (current.milestone?.number ?? null) !== milestone) change.milestone = milestone;
    if (current.state !== state) {
      change.state = state;
      change.state_reason = state === 'closed' ? 'completed' : 'reopened';
    }
    if (!Object.keys(change).length) return issueRef(current);
    const after = await gh.patchIssue(n, change);
    await remember(item.feature, after);
    return issueRef(after);
  }

  return {
    tracker: 'github',
    batchSize: 1,

    async prepare(items) {
      const shared = [...new Set(items.flatMap((i) => i.payload.labels))].filter((l) => SHARED_LABELS[l]);
      if (shared.length) {
        const have = new Set((await gh.labels()).map((l) => l.toLowerCase()));
        for (const name of shared.filter((l) => !have.has(l.toLowerCase()))) {
          const s = SHARED_LABELS[name] as { color: string; description: string };
          await gh.createLabel(name, s.color, s.description);
        }
      }
      const titles = [...new Set(items.map((i) => i.payload.milestone).filter((m): m is string => Boolean(m)))];
      if (titles.length) {
        for (const m of await gh.milestones()) milestones.set(m.title, m.number);
        for (const title of titles.filter((t) => !milestones.has(t))) milestones.set(title, await gh.createMilestone(title));
      }
    },

    async findOrphan(item) {
      const found = findTaskIssue(await listed(item.feature), item.feature, item.item);
      return found ? issueRef(found) : undefined;
    },

    async create([item]) {
      if (!item) return [];
      // A rerun after a lost write-back (or a lost journal) must not open a second issue for the task.
      const issues = await listed(item.feature);
      const existing = findTaskIssue(issues, item.feature, item.item);
      if (existing) return [await update(item, issueRef(existing))];
      const p = { ...item.payload, body: bodyOf(item, issues) };
      const milestone = milestoneOf(item);
      let created = await gh.createIssue({ title: p.title, body: p.body, labels: p.labels, ...(milestone !== undefined ? { milestone } : {}) });
      await remember(item.feature, created);
      if (item.done) {
        try {
          created = await gh.patchIssue(created.number, { state: 'closed', state_reason: 'completed' });
          await remember(item.feature, created);
        } catch (error) {
          if (!(error instanceof TrackerError)) throw error;
          return [{ ...issueRef(created), warning: `created but not closed (${error.message}); the next sync closes it` }];
        }
      }
      return [issueRef(created)];
    },

    update,

    writeBack(item, remote) {
      writeGithubIssues(item.feature, { [item.item]: Number(remote.id) });
    },

    async reconcile(features: FeatureSnapshot[]) {
      const changes = [];
      for (const snap of features) {
        const numbers = linkedIssueNumbers(snap);
        const open = snap.tasks.filter((t) => !t.done && numbers[t.id] !== undefined);
        if (!open.length) continue;
        let issues: GhIssue[];
        try {
          issues = await listed(snap.feature);
        } catch (error) {
          if (!(error instanceof TrackerError)) throw error;
          break; // the sync itself reports the failure on its items
        }
        const closed = open.filter((t) => issues.find((i) => i.number === numbers[t.id])?.state === 'closed');
        if (!closed.length) continue;
        const flipped = new Set(checkTasks(snap, closed.map((t) => t.id)));
        changes.push(...reconcileChanges(snap, closed.filter((t) => flipped.has(t.id)).map((t) => ({ id: t.id, number: numbers[t.id] as number }))));
      }
      refreshAfterReconcile(ctx.root, changes.length > 0);
      return changes;
    },

    async remoteExists(_item, remote) {
      return (await gh.issue(Number(remote.id))) !== undefined;
    },
  };
}
