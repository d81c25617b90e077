// The other side of a two-way sync: what people do in the trackers while we are not looking. The
// sandbox's admin server routes these to the emulators, so a test or the demo can edit a story in
// "JIRA", complete a sub-issue in "Linear", close or transfer an issue on "GitHub" or delete a page
// in "Confluence", and see what `spec pull` and `spec sync` make of it.
//
//   POST   /edit/jira/{key}            {summary?, description?, status?}   description: ADF or plain text
//   POST   /edit/jira/{key}/move       {project}                            the old key keeps resolving
//   DELETE /edit/jira/{key}
//   POST   /edit/jira-workflow         {refuseDone: "message" | null}       a validator on done transitions
//   POST   /edit/linear/{id|ENG-1}     {title?, description?, state?}       state: a name or a type
//   DELETE /edit/linear/{id|ENG-1}
//   POST   /edit/github/{number}       {title?, body?, state?, state_reason?, by?}
//   POST   /edit/github/{number}/transfer {to: "owner/repo"}
//   DELETE /edit/github/{number}
//   POST   /edit/confluence/{id}       {title?, body?}                      body: storage XHTML
//   DELETE /edit/confluence/{id}
import type { ScaledClock } from '../core/scaled-clock.js';
import type { ConfluenceEmulator } from './confluence.js';
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import type { GithubEmulator } from './github.js';
import { match } from './http.js';
import { statusByName } from './jira-workflow.js';
import type { JiraEmulator } from './jira.js';
import { LINEAR_STATES, type LinearEmulator } from './linear.js';

export interface EditTargets {
  jira: JiraEmulator;
  linear: LinearEmulator;
  github: GithubEmulator;
  confluence: ConfluenceEmulator;
  clock: ScaledClock;
}

export interface AdminReply {
  status: number;
  body: unknown;
}

type Body = Record<string, unknown>;
const bad = (message: string): AdminReply => ({ status: 400, body: { message } });
const missing = (what: string): AdminReply => ({ status: 404, body: { message: `no such ${what}` } });

/** What a person typing into Jira's editor produces for plain text: one paragraph per blank-line block. */
function plainToAdf(text: string): Record<string, unknown> {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim());
  return {
    version: 1,
    type: 'doc',
    content: paragraphs.map((p) => ({ type: 'paragraph', content: p.split('\n').flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]) })),
  };
}

function jiraStamp(t: EditTargets): string {
  return new Date(t.clock.now()).toISOString().replace('Z', '+0000');
}

function editJira(t: EditTargets, method: string, rest: string, b: Body): AdminReply | undefined {
  const jira = t.jira;
  let a: Record<string, string> | undefined;
  if ((a = match('/{key}/move', rest)) && method === 'POST') {
    const issue = jira.issues.get((a.key as string).toUpperCase());
    if (!issue) return missing('JIRA issue');
    const project = String(b.project ?? '').toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(project)) return bad('move needs {"project": "KEY"}');
    const others = [...jira.issues.keys()].filter((k) => k.startsWith(`${project}-`)).map((k) => Number(k.split('-')[1]));
    const key = `${project}-${Math.max(0, ...others) + 1}`;
    jira.issues.delete(issue.key);
    jira.movedKeys.set(issue.key, issue);
    issue.key = key;
    issue.fields.project = { id: '10999', key: project, name: `${project} project` };
    issue.fields.updated = jiraStamp(t);
    jira.issues.set(key, issue);
    return { status: 200, body: { key } };
  }
  if (!(a = match('/{key}', rest))) return undefined;
  const key = (a.key as string).toUpperCase();
  const issue = jira.issues.get(key);
  if (!issue) return missing('JIRA issue');
  if (method === 'DELETE') {
    jira.issues.delete(key);
    return { status: 200, body: { deleted: key } };
  }
  if (method !== 'POST') return undefined;
  if (typeof b.summary === 'string') issue.fields.summary = b.summary;
  if (b.description !== undefined) issue.fields.description = typeof b.description === 'string' ? plainToAdf(b.description) : b.description;
  if (typeof b.status === 'string') {
    const s = statusByName(b.status);
    if (!s) return bad(`no status "${b.status}" in the sandbox workflow`);
    issue.statusId = s.id;
  }
  issue.fields.updated = jiraStamp(t);
  return { status: 200, body: { key } };
}

function editLinear(t: EditTargets, method: string, rest: string, b: Body): AdminReply | undefined {
  const a = match('/{id}', rest);
  if (!a) return undefined;
  const ref = a.id as string;
  const issue = t.linear.issues.get(ref) ?? [...t.linear.issues.values()].find((i) => `${C.linearTeamKey}-${i.number}` === ref.toUpperCase());
  if (!issue) return missing('Linear issue');
  if (method === 'DELETE') {
    t.linear.issues.delete(issue.id);
    return { status: 200, body: { deleted: issue.id } };
  }
  if (method !== 'POST') return undefined;
  if (typeof b.title === 'string') issue.title = b.title;
  if (typeof b.description === 'string' || b.description === null) issue.description = b.description as string | null;
  if (typeof b.state === 'string') {
    const want = b.state.toLowerCase();
    const st = LINEAR_STATES.find((s) => s.name.toLowerCase() === want) ?? LINEAR_STATES.find((s) => s.type === want);
    if (!st) return bad(`no workflow state "${b.state}" (names: ${LINEAR_STATES.map((s) => s.name).join(', ')})`);
    issue.stateId = st.id;
  }
  issue.updatedAt = new Date(t.clock.now()).toISOString();
  return { status: 200, body: { id: issue.id } };
}

function editGithub(t: EditTargets, method: string, rest: string, b: Body): AdminReply | undefined {
  const stamp = new Date(t.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let a: Record<string, string> | undefined;
  const find = (n: string) => t.github.issues.find((i) => String(i.number) === n && !i.deleted && !i.transferredTo);
  if ((a = match('/{n}/transfer', rest)) && method === 'POST') {
    const issue = find(a.n as string);
    if (!issue) return missing('GitHub issue');
    const m = /^([\w.-]+)\/([\w.-]+)$/.exec(String(b.to ?? ''));
    if (!m) return bad('transfer needs {"to": "owner/repo"}');
    issue.transferredTo = { owner: m[1] as string, repo: m[2] as string, number: 1000 + issue.number };
    issue.updated_at = stamp;
    return { status: 200, body: issue.transferredTo };
  }
  if (!(a = match('/{n}', rest))) return undefined;
  const issue = find(a.n as string);
  if (!issue) return missing('GitHub issue');
  if (method === 'DELETE') {
    issue.deleted = true;
    return { status: 200, body: { deleted: issue.number } };
  }
  if (method !== 'POST') return undefined;
  if (typeof b.title === 'string') issue.title = b.title;
  if (typeof b.body === 'string' || b.body === null) issue.body = b.body as string | null;
  if (b.state === 'closed' && issue.state === 'open') {
    issue.state = 'closed';
    issue.state_reason = typeof b.state_reason === 'string' ? b.state_reason : 'completed';
    issue.closed_at = stamp;
    issue.closed_by = typeof b.by === 'string' ? b.by : 'octocat';
  } else if (b.state === 'open' && issue.state === 'closed') {
    issue.state = 'open';
    issue.state_reason = 'reopened';
    issue.closed_at = null;
  } else if (b.state !== undefined && b.state !== 'open' && b.state !== 'closed') return bad('state is open or closed');
  issue.updated_at = stamp;
  return { status: 200, body: { number: issue.number } };
}

function editConfluence(t: EditTargets, method: string, rest: string, b: Body): AdminReply | undefined {
  const a = match('/{id}', rest);
  if (!a) return undefined;
  const page = t.confluence.pages.get(a.id as string);
  if (!page) return missing('Confluence page');
  if (method === 'DELETE') {
    t.confluence.pages.delete(page.id);
    return { status: 200, body: { deleted: page.id } };
  }
  if (method !== 'POST') return undefined;
  if (typeof b.title === 'string') page.title = b.title;
  if (typeof b.body === 'string') page.body.storage.value = b.body;
  // Someone else's edit: a new version by another author.
  page.version = { number: page.version.number + 1, message: 'edited in Confluence', minorEdit: false, authorId: '712020:another-person', createdAt: new Date(t.clock.now()).toISOString() };
  return { status: 200, body: { id: page.id, version: page.version.number } };
}

/** Route one admin request under /edit; undefined when the path is not an edit route. */
export function adminEdit(t: EditTargets, method: string, path: string, text: string): AdminReply | undefined {
  if (path !== '/edit/jira-workflow' && !path.startsWith('/edit/')) return undefined;
  let b: Body;
  try {
    b = text ? (JSON.parse(text) as Body) : {};
  } catch {
    return bad('the body must be JSON');
  }
  if (path === '/edit/jira-workflow' && method === 'POST') {
    if (b.refuseDone === null || b.refuseDone === undefined) delete t.jira.workflow.refuseDone;
    else t.jira.workflow.refuseDone = String(b.refuseDone);
    return { status: 200, body: { ...t.jira.workflow } };
  }
  const m = /^\/edit\/(jira|linear|github|confluence)(\/.*)$/.exec(path);
  if (!m) return undefined;
  const rest = m[2] as string;
  switch (m[1]) {
    case 'jira':
      return editJira(t, method, rest, b);
    case 'linear':
      return editLinear(t, method, rest, b);
    case 'github':
      return editGithub(t, method, rest, b);
    default:
      return editConfluence(t, method, rest, b);
  }
}
