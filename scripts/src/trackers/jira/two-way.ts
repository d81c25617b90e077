// JIRA's half of two-way sync, over the same transport as the adapter:
// - inbound: the linked stories read in batches (one POST /search/jql `key in (…)` per 50), so N
//   features cost ⌈N/50⌉ reads; their workflow status goes into spec.md as `jira_status`;
// - remote edits: the story's summary/description as they read back, compared with what we last
//   wrote (.spec-state/written/), so an update never overwrites a person's edit without --force;
// - status out: every task checked → the first transition into the Done category, found through
//   /transitions (never a hard-coded name); a task unchecked again → back to In Progress.
import { editedFields, readWritten, recordWritten } from '../../state/last-written.js';
import { setFrontmatter } from '../../workspace/write-doc.js';
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { TrackerError } from '../errors.js';
import { jiraFields, type Fields } from '../render/read-back.js';
import type { JiraIssuePayload } from '../render/payload-types.js';
import type { Transport } from '../transport.js';
import { chooseTransition, goalFor, type TransitionInfo } from './transitions.js';

export const JIRA_READ_BATCH = 50;

export interface StoryNow {
  key: string;
  fields: Fields;
  status?: string;
  category?: string;
}

interface SearchIssue {
  key: string;
  fields?: { summary?: unknown; description?: unknown; status?: { name?: string; statusCategory?: { key?: string; name?: string } } };
}

/** The stories behind these keys now; a key JIRA no longer finds is absent from the map. */
export async function readStories(t: Transport, keys: string[]): Promise<Map<string, StoryNow>> {
  const out = new Map<string, StoryNow>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += JIRA_READ_BATCH) {
    const chunk = unique.slice(i, i + JIRA_READ_BATCH);
    const res = await t.request<{ issues?: SearchIssue[] }>({
      method: 'POST',
      path: '/rest/api/3/search/jql',
      body: { jql: `key in (${chunk.join(', ')})`, fields: ['summary', 'description', 'status'], maxResults: JIRA_READ_BATCH },
      action: `read ${chunk.length} stor${chunk.length === 1 ? 'y' : 'ies'}`,
    });
    for (const issue of res.body?.issues ?? []) {
      const f = issue.fields ?? {};
      out.set(issue.key, { key: issue.key, fields: jiraFields(f), ...(f.status?.name ? { status: f.status.name } : {}), ...(f.status?.statusCategory?.key ? { category: f.status.statusCategory.key } : {}) });
    }
  }
  return out;
}

/** What the story reads back as once this payload is written. */
export function sentFields(payload: JiraIssuePayload): Fields {
  return jiraFields(payload.fields);
}

export function linkedKey(s: FeatureSnapshot): string | undefined {
  const k = s.spec?.data.jira_id;
  return typeof k === 'string' && /^[A-Z][A-Z0-9_]{1,9}-\d+$/.test(k) ? k : undefined;
}

export interface InboundNote {
  feature: FeatureSnapshot['feature'];
  message: string;
}

/** Record each story's status in its spec.md (`jira_status`), and report stories JIRA no longer has. */
export function applyStatuses(snaps: FeatureSnapshot[], now: Map<string, StoryNow>): InboundNote[] {
  const notes: InboundNote[] = [];
  for (const s of snaps) {
    const key = linkedKey(s);
    if (!key || !s.spec) continue;
    const story = now.get(key);
    if (!story) {
      notes.push({ feature: s.feature, message: `JIRA ${key} no longer exists in the project (deleted or moved) → spec link --feature=${s.feature.id} --jira=<KEY> --force to relink it, or remove jira_id from spec.md and spec sync --feature=${s.feature.id} to recreate it` });
      continue;
    }
    if (story.status && s.spec.data.jira_status !== story.status) {
      setFrontmatter(s.spec.path, s.spec.display, { jira_status: story.status });
      notes.push({ feature: s.feature, message: `JIRA ${key} is ${story.status}${s.spec.data.jira_status ? ` (was ${String(s.spec.data.jira_status)})` : ''}` });
    }
  }
  return notes;
}

/** The held-update error: the item was edited remotely since our last write. */
export function editedError(key: string, fields: string[], featureId: string): TrackerError {
  // statusText and field mark it for the summary line, which sends the user to `spec pull`.
  return new TrackerError({
    kind: 'conflict',
    integration: 'jira',
    statusText: 'Edited remotely',
    message: `JIRA ${key} was edited in JIRA since the last sync (${fields.join(', ')})`,
    field: `remote-edit:${featureId}`,
  });
}

/** Fields edited remotely since our last write to this item ([] when unknown or unchanged). */
export function remoteEdits(root: string, itemKey: string, story: StoryNow | undefined): string[] {
  const written = readWritten(root, itemKey);
  if (!written || !story || written.remoteId !== story.key) return [];
  return editedFields(written.fields, story.fields);
}

export function rememberWritten(root: string, itemKey: string, remoteKey: string, payload: JiraIssuePayload): void {
  recordWritten(root, itemKey, remoteKey, sentFields(payload));
}

/** Move one story toward its goal; a refused transition is a warning, never a failure. */
export async function transitionStory(t: Transport, s: FeatureSnapshot, story: StoryNow): Promise<string | undefined> {
  const goal = goalFor(s.progress.done, s.progress.total, story.category);
  if (!goal) return undefined;
  const key = story.key;
  try {
    const list = await t.request<{ transitions?: TransitionInfo[] }>({ method: 'GET', path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, action: `read transitions of ${key}` });
    const pick = chooseTransition(list.body?.transitions ?? [], goal);
    const want = goal === 'done' ? 'Done' : 'In Progress';
    if (!pick) return `! ${s.feature.id}: JIRA ${key} has no transition to a ${want} status from ${story.status ?? 'its status'}; move it by hand`;
    const res = await t.request({ method: 'POST', path: `/rest/api/3/issue/${encodeURIComponent(key)}/transitions`, body: { transition: { id: pick.id } }, accept: [400, 409], action: `transition ${key}` });
    if (res.status >= 300) {
      const body = res.body as { errorMessages?: string[]; errors?: Record<string, string> } | undefined;
      const why = [...(body?.errorMessages ?? []), ...Object.values(body?.errors ?? {})].join('; ') || `HTTP ${res.status}`;
      return `! ${s.feature.id}: JIRA refused to move ${key} to ${pick.to?.name ?? want} (${why}); move it by hand`;
    }
    const to = pick.to?.name ?? want;
    if (s.spec) setFrontmatter(s.spec.path, s.spec.display, { jira_status: to });
    story.status = to;
    story.category = goal;
    return `→ ${s.feature.id}: JIRA ${key} moved to ${to} (${pick.name}), ${s.progress.done}/${s.progress.total} tasks done`;
  } catch (error) {
    if (!(error instanceof TrackerError)) throw error;
    return `! ${s.feature.id}: could not move JIRA ${key} (${error.message}); move it by hand`;
  }
}
