// JIRA Cloud: one story per feature, over the calls in client.ts. Create (one POST /issue, or one bulk
// call with up to 50 under --batch), update, find an orphan by the feature label, and write
// jira_id/jira_url back into spec.md. An epic JIRA refuses is dropped and the story created anyway: a
// partial success with a warning. Only TrackerError leaves this module.
import type { Adapter, AdapterContext, DesiredItem, ReconcileChange, RemoteEdit, RemoteRef } from '../contract.js';
import { readWritten, recordWritten } from '../../state/last-written.js';
import { writeJiraLink } from '../../workspace/links.js';
import { createEach } from '../create-each.js';
import { TrackerError } from '../errors.js';
import { featureLabel } from '../render/feature-meta.js';
import type { JiraIssuePayload } from '../render/payload-types.js';
import type { TrackerResponse } from '../transport.js';
import { JiraClient, type BulkResponse, type CreatedIssue } from './client.js';
import { asErrorCollection, epicWarning, isEpicRefusal, isPriorityRefusal, priorityWarning, refusal, type ErrorCollection } from './field-errors.js';
import { applyStatuses, editedError, linkedKey, readStories, rememberWritten, remoteEdits, transitionStory, type StoryNow } from './two-way.js';

/** Jira's documented bulk-create limit. */
export const JIRA_BULK_MAX = 50;

type Item = DesiredItem<'jira'>;

const without = (p: JiraIssuePayload, drop: ReadonlyArray<'parent' | 'priority'>): JiraIssuePayload => {
  const fields = { ...p.fields } as Record<string, unknown>;
  for (const d of drop) delete fields[d];
  return { ...p, fields: fields as JiraIssuePayload['fields'] };
};

export function jiraAdapter(ctx: AdapterContext): Adapter<'jira'> {
  const { config } = ctx;
  const jira = new JiraClient(config, { env: ctx.env });
  const t = jira.t;
  const project = config.jira.projectKey;
  const ref = (key: string, warning?: string): RemoteRef => ({ id: key, url: `${config.jira.url}/browse/${key}`, ...(warning ? { warning } : {}) });
  const fail = (res: TrackerResponse, action: string) => refusal(res.status, res.headers, res.text, asErrorCollection(res.body), config, action);
  // The linked stories as this run read them (reconcile, batched); updates check them for remote edits.
  const seen = new Map<string, StoryNow>();

  /**
   * The optional fields a refusal names that the story can do without: the epic (`parent`) and the
   * priority (a name outside the project's scheme, or not on its screen), each with its warning.
   */
  function droppable(payload: JiraIssuePayload, status: number, ec: ErrorCollection): { drop: Array<'parent' | 'priority'>; warnings: string[] } {
    const drop: Array<'parent' | 'priority'> = [];
    const warnings: string[] = [];
    const epic = payload.fields.parent?.key;
    if (epic && isEpicRefusal(status, ec)) {
      drop.push('parent');
      warnings.push(epicWarning(epic));
    }
    const priority = payload.fields.priority?.name;
    if (priority && isPriorityRefusal(status, ec)) {
      drop.push('priority');
      warnings.push(priorityWarning(priority, ec.errors?.priority ?? '', config));
    }
    // Only when nothing else was refused: resending would otherwise fail the same way.
    const others = Object.keys(ec.errors ?? {}).filter((f) => !drop.includes(f as 'parent' | 'priority'));
    return others.length ? { drop: [], warnings: [] } : { drop, warnings };
  }

  /**
   * One create or edit; a 400 refusing only the epic and/or the priority → the same request once more
   * without them, a partial success with a warning (a 400 created or changed nothing: no duplicate).
   */
  async function sendWithFallback<T>(payload: JiraIssuePayload, send: (p: JiraIssuePayload) => Promise<TrackerResponse<T>>, action: string): Promise<{ res: TrackerResponse<T>; warning?: string }> {
    const res = await send(payload);
    if (res.status < 300) return { res };
    const { drop, warnings } = droppable(payload, res.status, asErrorCollection(res.body));
    if (!drop.length) throw fail(res, action);
    const again = await send(without(payload, drop));
    if (again.status >= 300) throw fail(again, action);
    return { res: again, warning: warnings.join('; ') };
  }

  /** One POST /issue. */
  async function createOne(item: Item): Promise<RemoteRef> {
    const action = `create story for ${item.feature.id}`;
    const post = (body: JiraIssuePayload) => jira.createIssue(body, action);
    const { res, warning } = await sendWithFallback(item.payload, post, action);
    return ref(res.body.key, warning);
  }

  /** POST /issue/bulk: successes come back in order, failures by element number. */
  async function createBulk(items: Item[]): Promise<Array<RemoteRef | TrackerError>> {
    const action = `bulk create ${items.length} stories`;
    const res = await jira.createIssues(items.map((i) => i.payload), action);
    const body = (res.body && typeof res.body === 'object' ? res.body : {}) as BulkResponse;
    if (res.status >= 300 && !Array.isArray(body.errors)) throw fail(res, action);
    const failed = new Map<number, { status: number; ec: ErrorCollection }>();
    for (const e of body.errors ?? []) {
      if (typeof e.failedElementNumber === 'number') failed.set(e.failedElementNumber, { status: e.status ?? 400, ec: asErrorCollection(e.elementErrors) });
    }
    if (res.status >= 300 && !failed.size) throw fail(res, action);
    const created = [...(body.issues ?? [])];
    const out: Array<RemoteRef | TrackerError> = [];
    const retry: Array<{ i: number; drop: Array<'parent' | 'priority'>; warnings: string[] }> = [];
    items.forEach((item, i) => {
      const f = failed.get(i);
      if (!f) {
        const issue = created.shift();
        out.push(issue ? ref(issue.key) : new TrackerError({ kind: 'server', integration: 'jira', message: `JIRA bulk create returned no issue for ${item.feature.id}` }));
        return;
      }
      const text = JSON.stringify({ errorMessages: f.ec.errorMessages ?? [], errors: f.ec.errors ?? {} });
      out.push(refusal(f.status, {}, text, f.ec, config, `create story for ${item.feature.id}`));
      const d = droppable(item.payload, f.status, f.ec);
      if (d.drop.length) retry.push({ i, ...d });
    });
    if (retry.length) {
      // Refused for their epic or priority alone: create them without it, in one more bulk call.
      const again = await createBulk(retry.map(({ i, drop }) => ({ ...items[i]!, payload: without(items[i]!.payload, drop) })));
      retry.forEach(({ i, warnings }, j) => {
        const r = again[j];
        out[i] = r instanceof TrackerError || !r ? (r ?? out[i]!) : { ...r, warning: [r.warning, ...warnings].filter(Boolean).join('; ') };
      });
    }
    return out;
  }

  return {
    tracker: 'jira',
    batchSize: ctx.batch ? JIRA_BULK_MAX : 1,

    async findOrphan(item) {
      const found = await jira.issuesLabelled(project, featureLabel(item.feature));
      return found[0] ? ref(found[0].key) : undefined;
    },

    async create(items) {
      const out = ctx.batch ? await createBulk(items) : await createEach(items, createOne);
      out.forEach((r, i) => {
        if (!(r instanceof TrackerError)) rememberWritten(ctx.root, (items[i] as Item).key, r.id, (items[i] as Item).payload);
      });
      return out;
    },

    async reconcile(snaps) {
      const linked = snaps.filter((s) => linkedKey(s));
      if (!linked.length) return [];
      const now = await readStories(t, linked.map((s) => linkedKey(s) as string));
      for (const [k, v] of now) seen.set(k, v);
      const notes: ReconcileChange[] = applyStatuses(linked, now).map((n) => ({ ...n, direction: n.message.includes('no longer exists') ? 'warn' : 'in' }));
      if (ctx.inboundOnly || !config.jira.transitions) return notes;
      for (const s of linked) {
        const story = now.get(linkedKey(s) as string);
        if (!story) continue;
        const line = await transitionStory(t, s, story);
        if (line) notes.push({ feature: s.feature, message: line.replace(/^[→!] \S+: /, ''), direction: line.startsWith('!') ? 'warn' : 'out' });
      }
      return notes;
    },

    async remoteEdits(snaps) {
      const out: RemoteEdit[] = [];
      for (const s of snaps) {
        const key = linkedKey(s);
        const story = key ? seen.get(key) : undefined;
        if (!key || !story) continue;
        const itemKey = `${s.feature.name}/jira/story`;
        const written = readWritten(ctx.root, itemKey);
        const fields = remoteEdits(ctx.root, itemKey, story);
        if (!written || !fields.length) continue;
        out.push({ feature: s.feature, key: itemKey, label: `JIRA ${key}`, remoteId: key, file: 'spec.md', fields, titleField: 'summary', bodyField: 'description', base: written.fields, theirs: story.fields });
      }
      return out;
    },

    acceptRemote(edit) {
      recordWritten(ctx.root, edit.key, edit.remoteId, edit.theirs);
    },

    async update(item, remote) {
      if (!ctx.force) {
        const story = seen.get(remote.id) ?? (await readStories(t, [remote.id])).get(remote.id);
        const edited = remoteEdits(ctx.root, item.key, story);
        if (edited.length) throw editedError(remote.id, edited, item.feature.id);
      }
      const action = `update ${remote.id}`;
      const put = (p: JiraIssuePayload) => {
        // Project and issue type are not editable fields; labels are added so a person's own labels stay.
        const { project: _p, issuetype: _t, labels, ...fields } = p.fields;
        return jira.editIssue(remote.id, { fields, update: { labels: labels.map((l) => ({ add: l })) } }, action);
      };
      const { warning } = await sendWithFallback(item.payload, put, action);
      rememberWritten(ctx.root, item.key, remote.id, item.payload);
      return ref(remote.id, warning);
    },

    writeBack(item, remote) {
      writeJiraLink(item.feature, remote.id, remote.url);
    },

    async remoteExists(_item, remote) {
      return jira.issueExists(remote.id);
    },
  };
}
