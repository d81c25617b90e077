// Jira Cloud REST v3 emulator: issues (incl. an epic), labels, custom fields, screens, bulk create,
// JQL search with nextPageToken, the removed /search (410), and the vendor's error bodies.
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import { atlassian429, atlassianAuthorized, atlassianRateHeaders } from './atlassian-limits.js';
import type { ScaledClock } from '../core/scaled-clock.js';
import { json, match, type Emulator, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import { WindowLimiter, type LimitSpec } from './limiter.js';
import { applyTransition, CATEGORIES, INITIAL_STATUS, statusById, statusView, transitionsView, type WorkflowRules, type WorkflowStatus } from './jira-workflow.js';
import { findJiraProject, JIRA_PROJECTS, priorityRefusal, type JiraProject } from './jira-projects.js';
import { jiraLengthErrors } from './refusals.js';
import { reconcileIds, SearchIndex } from './search-lag.js';

interface FieldDef {
  id: string;
  name: string;
  custom: boolean;
  schema: Record<string, unknown>;
}

const FIELDS: FieldDef[] = [
  { id: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  { id: 'description', name: 'Description', custom: false, schema: { type: 'string', system: 'description' } },
  { id: 'issuetype', name: 'Issue Type', custom: false, schema: { type: 'issuetype', system: 'issuetype' } },
  { id: 'project', name: 'Project', custom: false, schema: { type: 'project', system: 'project' } },
  { id: 'labels', name: 'Labels', custom: false, schema: { type: 'array', items: 'string', system: 'labels' } },
  { id: 'priority', name: 'Priority', custom: false, schema: { type: 'priority', system: 'priority' } },
  { id: 'parent', name: 'Parent', custom: false, schema: { type: 'issuelink', system: 'parent' } },
  { id: 'customfield_10001', name: 'Sprint', custom: true, schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10001 } },
  { id: 'customfield_10002', name: 'Team', custom: true, schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId: 10002 } },
  { id: 'customfield_10011', name: 'Epic Name', custom: true, schema: { type: 'string', custom: 'com.pyxis.greenhopper.jira:gh-epic-label', customId: 10011 } },
  { id: 'customfield_10016', name: 'Story point estimate', custom: true, schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 } },
];
/** Fields on the create/edit screens of every issue type (customfield_10011 is not: a real-world trap). */
const ON_SCREEN = new Set(['summary', 'description', 'issuetype', 'project', 'labels', 'priority', 'parent', 'customfield_10001', 'customfield_10002', 'customfield_10016']);
const ISSUE_TYPES = [
  { id: '10001', name: 'Story', subtask: false, hierarchyLevel: 0 },
  { id: '10002', name: 'Task', subtask: false, hierarchyLevel: 0 },
  { id: '10003', name: 'Bug', subtask: false, hierarchyLevel: 0 },
  { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
];

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown>;
  /** Its workflow status (jira-workflow.ts); rendered into `fields.status` on every read. */
  statusId: string;
  /** Issue entity properties (key → JSON value), set in the create request or by PUT. */
  properties?: Record<string, unknown>;
}

const err = (status: number, errorMessages: string[], errors: Record<string, string> = {}): Reply => json(status, { errorMessages, errors });

export class JiraEmulator implements Emulator {
  readonly issues = new Map<string, JiraIssue>();
  /** Old key → issue, for an issue moved to another project (Jira still resolves the old key). */
  readonly movedKeys = new Map<string, JiraIssue>();
  /** Validators an admin switched on (sandbox admin URL). */
  readonly workflow: WorkflowRules = {};
  private seq = 100;
  private idSeq = 10100;
  /** The default project (SPEC_JIRA_PROJECT_KEY of `sandbox.config()`); others in jira-projects.ts. */
  readonly project = JIRA_PROJECTS[0] as JiraProject;
  /** The search index behind /search/jql, with its lag (`--search-lag`). */
  readonly search: SearchIndex;
  private limiter: WindowLimiter;

  constructor(
    limits: LimitSpec,
    private readonly clock: ScaledClock,
  ) {
    this.limiter = new WindowLimiter(limits, clock);
    this.search = new SearchIndex(clock);
    this.insert({ summary: 'Sandbox epic', issuetype: this.type('Epic'), labels: [] }, 'PROJ-100');
  }

  private type(name: string) {
    return ISSUE_TYPES.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  private insert(fields: Record<string, unknown>, key?: string, project: JiraProject = this.project, properties?: Record<string, unknown>): JiraIssue {
    const k = key ?? `${project.key}-${++this.seq}`;
    if (key) this.seq = Math.max(this.seq, Number(key.split('-')[1]));
    const now = new Date(this.clock.now()).toISOString().replace('Z', '+0000');
    const view = { id: project.id, key: project.key, name: project.name };
    const issue: JiraIssue = { id: String(++this.idSeq), key: k, fields: { ...fields, project: view, created: now, updated: now }, statusId: INITIAL_STATUS.id, ...(properties ? { properties } : {}) };
    this.issues.set(k, issue);
    if (!key) this.search.created(issue.id);
    return issue;
  }

  private projectOf(issue: JiraIssue): JiraProject {
    return findJiraProject((issue.fields.project as { key?: string } | undefined)?.key) ?? this.project;
  }

  /** After a restore (persist.ts): new keys and ids continue after the highest stored ones. */
  resumeCounters(): void {
    for (const i of this.issues.values()) {
      this.seq = Math.max(this.seq, Number(i.key.split('-')[1]) || 0);
      this.idSeq = Math.max(this.idSeq, Number(i.id) || 0);
    }
  }

  authorized(req: SandboxRequest): boolean {
    return atlassianAuthorized(req);
  }

  unauthorized(): Reply {
    return { status: 401, body: 'Client must be authenticated to access this resource.', contentType: 'text/plain;charset=UTF-8', headers: { 'WWW-Authenticate': 'Basic realm="protected-by-api-token", OAuth realm="https%3A%2F%2Fsandbox.atlassian.net"' } };
  }

  rateHeaders(): Record<string, string> {
    return atlassianRateHeaders(this.limiter);
  }

  limit(ctx: EmulatorContext): Reply | undefined {
    if (this.limiter.hit()) return undefined;
    return this.rateLimited(ctx, this.limiter.retryAfterSeconds);
  }

  rateLimited(ctx: EmulatorContext, retryAfterSeconds: number): Reply {
    return atlassian429(ctx, this.limiter, retryAfterSeconds, 'jira-burst-based', { errorMessages: ['Rate limit exceeded.'], errors: {} });
  }

  serverError(): Reply {
    return err(503, ['Service Unavailable: Jira is temporarily unavailable. Please try again later.']);
  }

  private view(issue: JiraIssue, base: string, fields?: string[]): Record<string, unknown> {
    const all = { ...issue.fields, status: statusView(statusById(issue.statusId) as WorkflowStatus, base) };
    const pick = !fields || fields.includes('*all') || fields.includes('*navigable') ? all : Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k)));
    return { id: issue.id, key: issue.key, self: `${base}/rest/api/3/issue/${issue.id}`, fields: pick };
  }

  private find(idOrKey: string): JiraIssue | undefined {
    return this.issues.get(idOrKey.toUpperCase()) ?? this.movedKeys.get(idOrKey.toUpperCase()) ?? [...this.issues.values()].find((i) => i.id === idOrKey);
  }

  /** Validate create/edit fields as Jira does; returns the ErrorCollection problems. */
  private check(fields: Record<string, unknown>, ctx: EmulatorContext, creating: boolean, existing?: JiraProject): Record<string, string> {
    const errors: Record<string, string> = {};
    const f = ctx.faults;
    const names = Object.keys(fields);
    if (f.has('jira', 'field-not-on-screen')) {
      const victim = names.find((n) => !['project', 'issuetype', 'summary'].includes(n));
      if (victim) {
        f.take('jira', 'field-not-on-screen');
        errors[victim] = `Field '${victim}' cannot be set. It is not on the appropriate screen, or unknown.`;
      }
    }
    for (const n of names) {
      if (!ON_SCREEN.has(n)) errors[n] = `Field '${n}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
    const target = creating ? findJiraProject((fields.project as { key?: string; id?: string } | undefined)?.key ?? (fields.project as { id?: string } | undefined)?.id) : existing;
    if (creating) {
      const project = fields.project as { key?: string; id?: string } | undefined;
      if (!project || !target || ctx.faults.has('jira', 'not-found')) {
        errors.project = project ? `The value '${project.key ?? project.id}' does not exist for the field 'project'.` : 'Specify a valid project ID or key';
      }
      const it = fields.issuetype as { name?: string; id?: string } | undefined;
      if (!it || !ISSUE_TYPES.some((t) => t.id === it.id || t.name === it.name)) errors.issuetype = 'The issue type selected is invalid.';
      if (typeof fields.summary !== 'string' || !fields.summary.trim()) errors.summary = 'You must specify a summary of the issue.';
      if (f.has('jira', 'required-field') && fields.customfield_10001 === undefined) {
        f.take('jira', 'required-field');
        errors.customfield_10001 = 'Sprint is required.';
      }
    }
    Object.assign(errors, jiraLengthErrors(fields));
    const priority = target && priorityRefusal(target, fields.priority);
    if (priority) errors.priority = priority;
    if (fields.labels !== undefined) {
      if (!Array.isArray(fields.labels) || fields.labels.some((l) => typeof l !== 'string' || /\s/.test(l))) errors.labels = 'The label must not contain spaces.';
    }
    if (fields.description !== undefined && fields.description !== null && (typeof fields.description !== 'object' || (fields.description as { type?: string }).type !== 'doc')) {
      errors.description = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
    }
    const parent = fields.parent as { key?: string; id?: string } | undefined;
    if (parent !== undefined) {
      const found = parent && this.find(parent.key ?? parent.id ?? '');
      if (!found || f.take('jira', 'epic-not-found')) errors.parent = 'Could not find issue by id or key.';
    }
    return errors;
  }

  private createOne(body: unknown, ctx: EmulatorContext): { ok: true; issue: JiraIssue } | { ok: false; status: number; errors: Record<string, string>; messages: string[] } {
    const fields = ((body as { fields?: unknown })?.fields ?? {}) as Record<string, unknown>;
    if (ctx.faults.has('jira', 'permission')) return { ok: false, status: 403, errors: {}, messages: ['You do not have permission to create issues in this project.'] };
    const errors = this.check(fields, ctx, true);
    if (Object.keys(errors).length) return { ok: false, status: 400, errors, messages: [] };
    const project = findJiraProject((fields.project as { key?: string }).key ?? (fields.project as { id?: string }).id) as JiraProject;
    const props = (body as { properties?: unknown })?.properties;
    const properties = Array.isArray(props) ? Object.fromEntries(props.filter((x) => x && typeof x.key === 'string').map((x) => [x.key as string, x.value])) : undefined;
    const it = this.type((fields.issuetype as { name?: string }).name ?? '') ?? ISSUE_TYPES.find((t) => t.id === (fields.issuetype as { id?: string }).id);
    const stored: Record<string, unknown> = { ...fields, issuetype: it, labels: fields.labels ?? [] };
    if (fields.parent) {
      const p = this.find((fields.parent as { key?: string; id?: string }).key ?? (fields.parent as { id?: string }).id ?? '') as JiraIssue;
      stored.parent = { id: p.id, key: p.key };
    }
    return { ok: true, issue: this.insert(stored, undefined, project, properties) };
  }

  handle(req: SandboxRequest, ctx: EmulatorContext): Reply {
    const base = ctx.baseUrl;
    const p = req.path;
    const m = req.method;
    let a: Record<string, string> | undefined;

    if (m === 'GET' && p === '/rest/api/3/myself') {
      return json(200, { self: `${base}/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5`, accountId: '5b10ac8d82e05b22cc7d4ef5', accountType: 'atlassian', emailAddress: C.atlassianEmail, displayName: 'Sandbox User', active: true, timeZone: 'UTC', locale: 'en_US' });
    }
    if (m === 'GET' && (a = match('/rest/api/3/project/{key}', p))) {
      const project = findJiraProject(a.key);
      if (!project || ctx.faults.has('jira', 'not-found')) {
        return err(404, [`No project could be found with key '${a.key}'.`]);
      }
      return json(200, { self: `${base}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: 'software', simplified: false, style: 'classic', isPrivate: false, issueTypes: ISSUE_TYPES.map((t) => ({ ...t, self: `${base}/rest/api/3/issuetype/${t.id}`, description: '' })) });
    }
    if (m === 'GET' && p === '/rest/api/3/mypermissions') {
      const wanted = req.query.get('permissions');
      if (!wanted) return err(400, ['The permissions query parameter is required.']);
      const key = req.query.get('projectKey');
      if (key && (!findJiraProject(key) || ctx.faults.has('jira', 'not-found'))) return err(404, [`No project could be found with key '${key}'.`]);
      const permissions: Record<string, unknown> = {};
      for (const perm of wanted.split(',')) {
        const have = !(perm === 'CREATE_ISSUES' || perm === 'EDIT_ISSUES') || !ctx.faults.has('jira', 'permission');
        permissions[perm] = { id: perm === 'CREATE_ISSUES' ? '11' : '12', key: perm, name: perm.replace('_', ' ').toLowerCase(), type: 'PROJECT', description: '', havePermission: have };
      }
      return json(200, { permissions });
    }
    if (m === 'GET' && p === '/rest/api/3/field') {
      return json(200, FIELDS.map((f) => ({ id: f.id, key: f.id, name: f.name, custom: f.custom, orderable: true, navigable: true, searchable: true, clauseNames: f.custom ? [`cf[${f.id.split('_')[1]}]`, f.name] : [f.id], schema: f.schema })));
    }
    if (m === 'POST' && p === '/rest/api/3/issue') {
      const r = this.createOne(req.json, ctx);
      if (!r.ok) return err(r.status, r.messages, r.errors);
      return json(201, { id: r.issue.id, key: r.issue.key, self: `${base}/rest/api/3/issue/${r.issue.id}` });
    }
    if (m === 'POST' && p === '/rest/api/3/issue/bulk') {
      const list = (req.json as { issueUpdates?: unknown })?.issueUpdates;
      if (!Array.isArray(list)) return err(400, ['issueUpdates is required.']);
      if (list.length > 50) return err(400, ['The number of issues in the request exceeds the limit of 50.']);
      const issues: unknown[] = [];
      const errors: unknown[] = [];
      list.forEach((item, i) => {
        const r = this.createOne(item, ctx);
        if (r.ok) issues.push({ id: r.issue.id, key: r.issue.key, self: `${base}/rest/api/3/issue/${r.issue.id}` });
        else errors.push({ elementErrors: { errorMessages: r.messages, errors: r.errors }, failedElementNumber: i, status: r.status });
      });
      return json(issues.length ? 201 : 400, { issues, errors });
    }
    if ((a = match('/rest/api/3/issue/{key}/editmeta', p)) && m === 'GET') {
      const issue = this.find(a.key as string);
      if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
      const fields: Record<string, unknown> = {};
      const project = this.projectOf(issue);
      for (const f of screenFields(project)) if (f.id !== 'project' && f.id !== 'issuetype') fields[f.id] = { required: f.id === 'summary', schema: f.schema, name: f.name, key: f.id, operations: ['set'], ...allowedValues(f, project, base) };
      return json(200, { fields });
    }
    if ((a = match('/rest/api/3/issue/createmeta/{project}/issuetypes', p)) && m === 'GET') {
      if (!findJiraProject(a.project)) return err(400, [`No project could be found with key '${a.project}'.`]);
      const issueTypes = ISSUE_TYPES.map((t) => ({ id: t.id, name: t.name, subtask: t.subtask, hierarchyLevel: t.hierarchyLevel, self: `${base}/rest/api/3/issuetype/${t.id}`, description: '' }));
      return json(200, { issueTypes, maxResults: 50, startAt: 0, total: issueTypes.length });
    }
    if ((a = match('/rest/api/3/issue/createmeta/{project}/issuetypes/{type}', p)) && m === 'GET') {
      const project = findJiraProject(a.project);
      if (!project) return err(400, [`No project could be found with key '${a.project}'.`]);
      const required = new Set(['summary', 'issuetype', 'project', ...(ctx.faults.has('jira', 'required-field') ? ['customfield_10001'] : [])]);
      const fields = screenFields(project).map((f) => ({ fieldId: f.id, key: f.id, name: f.name, required: required.has(f.id), schema: f.schema, operations: ['set'], hasDefaultValue: false, ...allowedValues(f, project, base) }));
      return json(200, { fields, maxResults: 50, startAt: 0, total: fields.length });
    }
    if ((a = match('/rest/api/3/issue/{key}/transitions', p))) {
      const issue = this.find(a.key as string);
      if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
      if (m === 'GET') return json(200, transitionsView(issue.statusId, base, req.query.get('transitionId') ?? undefined));
      if (m === 'POST') {
        const r = applyTransition(issue.statusId, req.json, this.workflow);
        if (!r.ok) return err(r.status, r.errorMessages, r.errors);
        issue.statusId = r.status.id;
        issue.fields.updated = new Date(this.clock.now()).toISOString().replace('Z', '+0000');
        return { status: 204 };
      }
    }
    if ((a = match('/rest/api/3/issue/{key}/properties', p)) && m === 'GET') {
      const issue = this.find(a.key as string);
      if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
      return json(200, { keys: Object.keys(issue.properties ?? {}).map((k) => ({ key: k, self: `${base}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(k)}` })) });
    }
    if ((a = match('/rest/api/3/issue/{key}/properties/{prop}', p))) {
      const issue = this.find(a.key as string);
      if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
      const prop = a.prop as string;
      if (m === 'GET') {
        if (!issue.properties || !(prop in issue.properties)) return err(404, [`The property with key '${prop}' does not exist.`]);
        return json(200, { key: prop, value: issue.properties[prop] });
      }
      if (m === 'PUT') {
        if (ctx.faults.has('jira', 'permission')) return err(403, ['You do not have permission to edit issues in this project.']);
        const existed = Boolean(issue.properties && prop in issue.properties);
        issue.properties = { ...issue.properties, [prop]: req.json };
        return { status: existed ? 200 : 201 };
      }
    }
    if ((a = match('/rest/api/3/issue/{key}', p))) {
      const issue = this.find(a.key as string);
      if (m === 'GET') {
        if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
        const fields = req.query.get('fields')?.split(',');
        return json(200, this.view(issue, base, fields));
      }
      if (m === 'PUT') {
        if (!issue) return err(404, ['Issue does not exist or you do not have permission to see it.']);
        if (ctx.faults.has('jira', 'permission')) return err(403, ['You do not have permission to edit issues in this project.']);
        const body = (req.json ?? {}) as { fields?: Record<string, unknown>; update?: Record<string, Array<Record<string, unknown>>> };
        const fields = body.fields ?? {};
        const errors = this.check(fields, ctx, false, this.projectOf(issue));
        if (Object.keys(errors).length) return err(400, [], errors);
        Object.assign(issue.fields, fields);
        for (const [name, ops] of Object.entries(body.update ?? {})) {
          if (name !== 'labels') continue;
          let labels = [...((issue.fields.labels as string[]) ?? [])];
          for (const op of ops) {
            if (typeof op.add === 'string' && !labels.includes(op.add)) labels.push(op.add);
            if (typeof op.remove === 'string') labels = labels.filter((l) => l !== op.remove);
            if (Array.isArray(op.set)) labels = op.set as string[];
          }
          issue.fields.labels = labels;
        }
        issue.fields.updated = new Date(this.clock.now()).toISOString().replace('Z', '+0000');
        return { status: 204 };
      }
    }
    if (p === '/rest/api/3/search' || p === '/rest/api/2/search') {
      return err(410, ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046']);
    }
    if (p === '/rest/api/3/search/jql' && (m === 'GET' || m === 'POST')) {
      const body = (m === 'POST' ? req.json ?? {} : {}) as Record<string, unknown>;
      const jql = String(m === 'POST' ? body.jql ?? '' : req.query.get('jql') ?? '');
      const maxResults = Math.min(Number(m === 'POST' ? body.maxResults ?? 50 : req.query.get('maxResults') ?? 50) || 50, 100);
      const token = String(m === 'POST' ? body.nextPageToken ?? '' : req.query.get('nextPageToken') ?? '');
      const fields = m === 'POST' ? (body.fields as string[] | undefined) : req.query.get('fields')?.split(',');
      const filter = parseJql(jql);
      if (typeof filter === 'string') return err(400, [filter]);
      const reconcile = reconcileIds(m === 'POST' ? body.reconcileIssues : req.query.getAll('reconcileIssues').join(',') || undefined);
      if (typeof reconcile === 'string') return err(400, [reconcile]);
      const all = [...this.issues.values()].filter((i) => this.search.visible(i.id, reconcile)).filter(filter);
      const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) || 0 : 0;
      const page = all.slice(start, start + maxResults);
      const isLast = start + maxResults >= all.length;
      return json(200, {
        issues: page.map((i) => (fields ? this.view(i, base, fields) : { id: i.id })),
        isLast,
        ...(isLast ? {} : { nextPageToken: Buffer.from(String(start + maxResults)).toString('base64url') }),
      });
    }
    return err(404, [`No route: ${m} ${p}`]);
  }
}

/** The fields on a project's create/edit screens. */
function screenFields(project: JiraProject): FieldDef[] {
  return FIELDS.filter((f) => ON_SCREEN.has(f.id) && (f.id !== 'priority' || project.priorityOnScreen));
}

/** Create/edit metadata lists a priority field's scheme as allowedValues, as Jira does. */
function allowedValues(f: FieldDef, project: JiraProject, base: string): Record<string, unknown> {
  if (f.id !== 'priority') return {};
  return { allowedValues: project.priorities.map((x) => ({ self: `${base}/rest/api/3/priority/${x.id}`, id: x.id, name: x.name })) };
}

/** The JQL fields our sync uses and what each reads from an issue. */
const JQL_FIELDS = new Map<string, (i: JiraIssue) => string[]>([
  ['project', (i) => [(i.fields.project as { key: string }).key]],
  ['labels', (i) => (i.fields.labels as string[]) ?? []],
  ['key', (i) => [i.key]],
  ['issuekey', (i) => [i.key]],
  ['summary', (i) => [String(i.fields.summary ?? '')]],
  ['issuetype', (i) => [(i.fields.issuetype as { name: string } | undefined)?.name ?? '']],
  ['parent', (i) => [(i.fields.parent as { key: string } | undefined)?.key ?? '']],
  ['status', (i) => [statusById(i.statusId)?.name ?? '']],
  ['statuscategory', (i) => {
    const c = CATEGORIES[statusById(i.statusId)?.category ?? 'new'];
    return [c.name, c.key, String(c.id)];
  }],
]);

/** The JQL our sync uses: clauses joined by AND, `field = value`, `field in (a, b)`, `summary ~ "text"`. */
function parseJql(jql: string): ((i: JiraIssue) => boolean) | string {
  const text = jql.replace(/\s+ORDER\s+BY\s+.*$/i, '').trim();
  if (!text) return () => true;
  const clauses = text.split(/\s+AND\s+/i);
  const tests: Array<(i: JiraIssue) => boolean> = [];
  for (const clause of clauses) {
    const m = clause.trim().match(/^(\w+)\s*(=|!=|~|in|IN)\s*(.+)$/);
    if (!m) return `Error in the JQL Query: Expecting operator but got '${clause.trim()}'.`;
    const [, field, op, rawValue] = m as unknown as [string, string, string, string];
    const unquote = (v: string) => v.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
    const values = /^in$/i.test(op) ? rawValue.replace(/^\(|\)$/g, '').split(',').map(unquote) : [unquote(rawValue)];
    const get = JQL_FIELDS.get(field.toLowerCase());
    if (!get) return `Field '${field}' does not exist or you do not have permission to view it.`;
    if (op === '~') tests.push((i) => get(i).some((v) => v.toLowerCase().includes((values[0] ?? '').toLowerCase())));
    else if (op === '!=') tests.push((i) => !get(i).includes(values[0] ?? ''));
    else tests.push((i) => get(i).some((v) => values.includes(v)));
  }
  return (i) => tests.every((t) => t(i));
}
