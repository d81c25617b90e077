// Linear GraphQL emulator: executes real query documents with `graphql` against a subset SDL
// (linear-schema.ts). Errors carry Linear's `extensions.type`; rate limits answer HTTP 400 RATELIMITED.
import { randomUUID } from 'node:crypto';
import { buildSchema, graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import type { ScaledClock } from '../core/scaled-clock.js';
import { json, type Emulator, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import { WindowLimiter, type LimitSpec } from './limiter.js';
import { LINEAR_SDL } from './linear-schema.js';

export interface LinearIssue {
  id: string;
  number: number;
  title: string;
  description: string | null;
  priority: number;
  teamId: string;
  labelIds: string[];
  parentId: string | null;
  /** A workflow state id of the team (Linear puts API-created issues in the team's default, Todo here). */
  stateId: string;
  createdAt: string;
  updatedAt: string;
}
export interface LinearLabel {
  id: string;
  name: string;
  color: string;
  teamId: string | null;
  createdAt: string;
}

class LinearError extends GraphQLError {
  constructor(type: string, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { type, userError: type !== 'internal error', userPresentableMessage: message, ...extra } });
  }
}

let schema: GraphQLSchema | undefined;
const TEAM = { id: C.linearTeamId, key: C.linearTeamKey, name: 'Engineering', description: null, private: false, createdAt: '2024-01-01T00:00:00.000Z' };
export const LINEAR_STATES = [
  { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Backlog', type: 'backlog', color: '#bec2c8', position: 0 },
  { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Todo', type: 'unstarted', color: '#e2e2e2', position: 1 },
  // Linear's default team workflow also has a started and a canceled state (the types are fixed:
  // "triage", "backlog", "unstarted", "started", "completed", "canceled", "duplicate": WorkflowState.type in Linear's SDL).
  { id: 'a1b2c3d4-0000-4000-8000-000000000004', name: 'In Progress', type: 'started', color: '#f2c94c', position: 2 },
  { id: 'a1b2c3d4-0000-4000-8000-000000000003', name: 'Done', type: 'completed', color: '#5e6ad2', position: 3 },
  { id: 'a1b2c3d4-0000-4000-8000-000000000005', name: 'Canceled', type: 'canceled', color: '#95a2b3', position: 4 },
];

type Filter = Record<string, unknown>;

function cmp(value: unknown, c: Record<string, unknown> | undefined): boolean {
  if (!c) return true;
  const s = value === null || value === undefined ? null : String(value);
  if ('null' in c) return c.null ? s === null : s !== null;
  if (c.eq !== undefined && s !== String(c.eq)) return false;
  if (c.eqIgnoreCase !== undefined && s?.toLowerCase() !== String(c.eqIgnoreCase).toLowerCase()) return false;
  if (c.neq !== undefined && s === String(c.neq)) return false;
  if (Array.isArray(c.in) && !c.in.map(String).includes(s ?? '')) return false;
  if (Array.isArray(c.nin) && c.nin.map(String).includes(s ?? '')) return false;
  if (c.contains !== undefined && !(s ?? '').includes(String(c.contains))) return false;
  if (c.containsIgnoreCase !== undefined && !(s ?? '').toLowerCase().includes(String(c.containsIgnoreCase).toLowerCase())) return false;
  if (c.startsWith !== undefined && !(s ?? '').startsWith(String(c.startsWith))) return false;
  if (c.endsWith !== undefined && !(s ?? '').endsWith(String(c.endsWith))) return false;
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (c[k] === undefined) continue;
    const n = Number(value);
    const t = Number(c[k]);
    if ((k === 'gt' && !(n > t)) || (k === 'gte' && !(n >= t)) || (k === 'lt' && !(n < t)) || (k === 'lte' && !(n <= t))) return false;
  }
  return true;
}

function page<T>(items: T[], args: { first?: number; after?: string }) {
  const first = Math.min(args.first ?? 50, 250);
  const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) || 0 : 0;
  const nodes = items.slice(start, start + first);
  const end = start + nodes.length;
  return {
    nodes,
    pageInfo: { hasNextPage: end < items.length, hasPreviousPage: start > 0, startCursor: nodes.length ? Buffer.from(String(start)).toString('base64url') : null, endCursor: nodes.length ? Buffer.from(String(end)).toString('base64url') : null },
  };
}

export class LinearEmulator implements Emulator {
  readonly issues = new Map<string, LinearIssue>();
  readonly labels = new Map<string, LinearLabel>();
  private number = 0;
  private syncId = 1000;
  private limiter: WindowLimiter;

  constructor(
    limits: LimitSpec,
    private readonly clock: ScaledClock,
  ) {
    this.limiter = new WindowLimiter(limits, clock);
  }

  /** After a restore (persist.ts): issue numbers continue after the highest stored one. */
  resumeCounters(): void {
    for (const i of this.issues.values()) this.number = Math.max(this.number, i.number);
  }

  authorized(req: SandboxRequest): boolean {
    const h = req.headers.authorization ?? '';
    return h === C.linearApiKey || h === `Bearer ${C.linearApiKey}`;
  }
  unauthorized(): Reply {
    return json(400, {
      errors: [{ message: 'Authentication required, not authenticated', extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR', statusCode: 401, userError: true, userPresentableMessage: 'You need to authenticate to access this operation.' } }],
    });
  }
  rateHeaders(): Record<string, string> {
    return {
      'X-RateLimit-Requests-Limit': String(this.limiter.spec.limit),
      'X-RateLimit-Requests-Remaining': String(this.limiter.remaining),
      'X-RateLimit-Requests-Reset': String(Math.round(this.limiter.resetAt)),
      'X-RateLimit-Complexity-Limit': '250000',
      'X-RateLimit-Complexity-Remaining': '249000',
      'X-RateLimit-Complexity-Reset': String(Math.round(this.limiter.resetAt)),
    };
  }
  limit(ctx: EmulatorContext): Reply | undefined {
    return this.limiter.hit() ? undefined : this.rateLimited(ctx, this.limiter.retryAfterSeconds);
  }
  rateLimited(ctx: EmulatorContext, retryAfterSeconds: number): Reply {
    return json(
      400,
      { errors: [{ message: 'Rate limit exceeded', extensions: { type: 'ratelimited', code: 'RATELIMITED', statusCode: 429, userError: true, userPresentableMessage: 'Rate limit exceeded. Please try again later.' } }] },
      { 'Retry-After': String(retryAfterSeconds), 'X-RateLimit-Requests-Remaining': '0', 'X-RateLimit-Requests-Reset': String(Math.round(ctx.clock.now() + retryAfterSeconds * 1000)) },
    );
  }
  serverError(): Reply {
    return json(503, { errors: [{ message: 'Service unavailable', extensions: { type: 'internal error', userError: false } }] });
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private issueView = (i: LinearIssue) => {
    const labels = () => i.labelIds.map((id) => this.labels.get(id)).filter((x): x is LinearLabel => Boolean(x)).map(this.labelView);
    return {
      ...i,
      identifier: `${TEAM.key}-${i.number}`,
      url: `https://linear.app/sandbox/issue/${TEAM.key}-${i.number}/${i.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40)}`,
      branchName: `${TEAM.key.toLowerCase()}-${i.number}`,
      team: () => this.teamView(),
      state: LINEAR_STATES.find((st) => st.id === i.stateId) ?? LINEAR_STATES[1],
      parent: () => (i.parentId ? this.issueView(this.issues.get(i.parentId) as LinearIssue) : null),
      labels: (args: { first?: number; after?: string }) => page(labels(), args),
    };
  };
  private labelView = (l: LinearLabel) => ({ ...l, description: null, isGroup: false, team: () => (l.teamId ? this.teamView() : null) });
  private teamView = () => ({
    ...TEAM,
    states: (args: { first?: number; after?: string }) => page(LINEAR_STATES, args),
    labels: (args: { first?: number; after?: string; filter?: Filter }) => page(this.filterLabels(args.filter).filter((l) => l.teamId === TEAM.id || l.teamId === null).map(this.labelView), args),
    issues: (args: { first?: number; after?: string; filter?: Filter }) => page(this.filterIssues(args.filter).map(this.issueView), args),
  });

  private teamMatches(f: Filter | undefined): boolean {
    if (!f) return true;
    if (Array.isArray(f.and) && !f.and.every((x) => this.teamMatches(x as Filter))) return false;
    if (Array.isArray(f.or) && !f.or.some((x) => this.teamMatches(x as Filter))) return false;
    return cmp(TEAM.id, f.id as never) && cmp(TEAM.key, f.key as never) && cmp(TEAM.name, f.name as never);
  }
  private labelMatches(l: LinearLabel, f: Filter | undefined): boolean {
    if (!f) return true;
    if (Array.isArray(f.and) && !f.and.every((x) => this.labelMatches(l, x as Filter))) return false;
    if (Array.isArray(f.or) && !f.or.some((x) => this.labelMatches(l, x as Filter))) return false;
    return cmp(l.id, f.id as never) && cmp(l.name, f.name as never);
  }
  private filterLabels(f?: Filter): LinearLabel[] {
    return [...this.labels.values()].filter((l) => this.labelMatches(l, f));
  }
  private issueMatches(i: LinearIssue, f: Filter | undefined): boolean {
    if (!f) return true;
    if (Array.isArray(f.and) && !f.and.every((x) => this.issueMatches(i, x as Filter))) return false;
    if (Array.isArray(f.or) && !f.or.some((x) => this.issueMatches(i, x as Filter))) return false;
    if (!cmp(i.id, f.id as never) || !cmp(i.number, f.number as never) || !cmp(i.title, f.title as never) || !cmp(i.description, f.description as never)) return false;
    if (f.team && !this.teamMatches(f.team as Filter)) return false;
    const lf = f.labels as Filter | undefined;
    if (lf) {
      const mine = i.labelIds.map((id) => this.labels.get(id)).filter((x): x is LinearLabel => Boolean(x));
      if (lf.some && !mine.some((l) => this.labelMatches(l, lf.some as Filter))) return false;
      if (lf.every && !mine.every((l) => this.labelMatches(l, lf.every as Filter))) return false;
      if ((lf.name || lf.id) && !mine.some((l) => this.labelMatches(l, { name: lf.name, id: lf.id } as Filter))) return false;
      if ('null' in lf && (lf.null ? mine.length > 0 : mine.length === 0)) return false;
    }
    return true;
  }
  private filterIssues(f?: Filter): LinearIssue[] {
    return [...this.issues.values()].filter((i) => this.issueMatches(i, f));
  }

  private root(ctx: EmulatorContext) {
    const deny = () => {
      if (ctx.faults.has('linear', 'permission')) throw new LinearError('forbidden', 'You do not have permission to create issues in this team.');
    };
    const team = (id: string) => {
      if (ctx.faults.has('linear', 'not-found') || (id !== TEAM.id && id !== TEAM.key)) throw new LinearError('invalid input', 'Entity not found: Team', { code: 'INPUT_ERROR' });
      return this.teamView();
    };
    const create = (input: Record<string, unknown>): LinearIssue => {
      team(String(input.teamId));
      for (const l of (input.labelIds as string[] | undefined) ?? []) if (!this.labels.has(l)) throw new LinearError('invalid input', `Entity not found: IssueLabel - ${l}`, { code: 'INPUT_ERROR' });
      if (input.parentId && !this.issues.has(String(input.parentId))) throw new LinearError('invalid input', 'Entity not found: Issue (parent)', { code: 'INPUT_ERROR' });
      const now = this.stamp();
      const issue: LinearIssue = {
        id: typeof input.id === 'string' ? input.id : randomUUID(),
        number: ++this.number,
        title: typeof input.title === 'string' ? input.title : '',
        description: typeof input.description === 'string' ? input.description : null,
        priority: typeof input.priority === 'number' ? input.priority : 0,
        teamId: TEAM.id,
        labelIds: [...((input.labelIds as string[] | undefined) ?? [])],
        parentId: input.parentId ? String(input.parentId) : null,
        stateId: input.stateId === undefined || input.stateId === null ? (LINEAR_STATES[1] as { id: string }).id : stateOf(input.stateId),
        createdAt: now,
        updatedAt: now,
      };
      this.issues.set(issue.id, issue);
      return issue;
    };
    const stateOf = (id: unknown): string => {
      if (!LINEAR_STATES.some((st) => st.id === id)) throw new LinearError('invalid input', `Entity not found: WorkflowState - ${String(id)}`, { code: 'INPUT_ERROR' });
      return String(id);
    };
    const findIssue = (id: string) => {
      const i = this.issues.get(id) ?? [...this.issues.values()].find((x) => `${TEAM.key}-${x.number}` === id);
      if (!i) throw new LinearError('invalid input', 'Entity not found: Issue', { code: 'INPUT_ERROR' });
      return i;
    };
    return {
      // With the `permission` fault the viewer is a guest who is not a member of the team: Linear lets
      // guests work only in teams they were invited to (linear.app/docs/members-roles, "Guest"), so
      // issueCreate in this team is forbidden and `viewer.teams` does not list it.
      viewer: () => {
        const guest = ctx.faults.has('linear', 'permission');
        return {
          id: 'c5f8a7e2-1111-4a5b-9c3d-000000000001', name: 'Sandbox User', displayName: 'sandbox', email: C.atlassianEmail, active: true, admin: false, guest,
          url: 'https://linear.app/sandbox/profiles/sandbox', organization: { id: 'org-sandbox', name: 'Sandbox', urlKey: 'sandbox' },
          teams: (args: { filter?: Filter; first?: number; after?: string }) => page(guest || !this.teamMatches(args.filter) ? [] : [this.teamView()], args),
        };
      },
      organization: () => ({ id: 'org-sandbox', name: 'Sandbox', urlKey: 'sandbox' }),
      team: (args: { id: string }) => team(args.id),
      teams: (args: { filter?: Filter; first?: number; after?: string }) => page(ctx.faults.has('linear', 'not-found') || !this.teamMatches(args.filter) ? [] : [this.teamView()], args),
      issue: (args: { id: string }) => this.issueView(findIssue(args.id)),
      issues: (args: { filter?: Filter; first?: number; after?: string }) => page(this.filterIssues(args.filter).map(this.issueView), args),
      issueLabels: (args: { filter?: Filter; first?: number; after?: string }) => page(this.filterLabels(args.filter).map(this.labelView), args),
      rateLimitStatus: () => ({ identifier: 'api-key', kind: 'api', limits: [{ type: 'requestLimit', requestedAmount: 1, allowedAmount: this.limiter.spec.limit, period: this.limiter.spec.windowMs, remainingAmount: this.limiter.remaining, reset: this.limiter.resetAt }] }),
      issueCreate: (args: { input: Record<string, unknown> }) => {
        deny();
        return { success: true, lastSyncId: ++this.syncId, issue: this.issueView(create(args.input)) };
      },
      issueBatchCreate: (args: { input: { issues: Array<Record<string, unknown>> } }) => {
        deny();
        const list = args.input.issues;
        if (list.length > 50) throw new LinearError('invalid input', 'You can only create up to 50 issues at once', { code: 'INPUT_ERROR' });
        // All or nothing, as a transaction: check everything before creating anything.
        for (const input of list) {
          team(String(input.teamId));
          if (input.stateId !== undefined && input.stateId !== null) stateOf(input.stateId);
          for (const l of (input.labelIds as string[] | undefined) ?? []) if (!this.labels.has(l)) throw new LinearError('invalid input', `Entity not found: IssueLabel - ${l}`, { code: 'INPUT_ERROR' });
        }
        return { success: true, lastSyncId: ++this.syncId, issues: list.map((input) => this.issueView(create(input))) };
      },
      issueUpdate: (args: { id: string; input: Record<string, unknown> }) => {
        deny();
        const i = findIssue(args.id);
        const inp = args.input;
        if (typeof inp.title === 'string') i.title = inp.title;
        if (typeof inp.description === 'string') i.description = inp.description;
        if (typeof inp.priority === 'number') i.priority = inp.priority;
        if (inp.stateId !== undefined && inp.stateId !== null) i.stateId = stateOf(inp.stateId);
        if (Array.isArray(inp.labelIds)) i.labelIds = [...(inp.labelIds as string[])];
        for (const l of (inp.addedLabelIds as string[] | undefined) ?? []) if (!i.labelIds.includes(l)) i.labelIds.push(l);
        if (Array.isArray(inp.removedLabelIds)) i.labelIds = i.labelIds.filter((l) => !(inp.removedLabelIds as string[]).includes(l));
        for (const l of i.labelIds) if (!this.labels.has(l)) throw new LinearError('invalid input', `Entity not found: IssueLabel - ${l}`, { code: 'INPUT_ERROR' });
        i.updatedAt = this.stamp();
        return { success: true, lastSyncId: ++this.syncId, issue: this.issueView(i) };
      },
      issueLabelCreate: (args: { input: { name: string; color?: string; teamId?: string; description?: string } }) => {
        deny();
        const teamId = args.input.teamId ? (team(args.input.teamId), TEAM.id) : null;
        if ([...this.labels.values()].some((l) => l.name.toLowerCase() === args.input.name.toLowerCase() && l.teamId === teamId)) {
          throw new LinearError('invalid input', 'Duplicate label name', { code: 'INPUT_ERROR' });
        }
        const label: LinearLabel = { id: randomUUID(), name: args.input.name, color: args.input.color ?? '#5e6ad2', teamId, createdAt: this.stamp() };
        this.labels.set(label.id, label);
        return { success: true, lastSyncId: ++this.syncId, issueLabel: this.labelView(label) };
      },
    };
  }

  async handle(req: SandboxRequest, ctx: EmulatorContext): Promise<Reply> {
    if (req.path !== '/graphql' && req.path !== '/') return json(404, { errors: [{ message: 'Not found', extensions: { type: 'other' } }] });
    if (req.method !== 'POST') return json(400, { errors: [{ message: 'GET query must be provided', extensions: { type: 'graphql error' } }] });
    const body = req.json as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') {
      return json(400, { errors: [{ message: 'Must provide query string.', extensions: { type: 'graphql error', code: 'GRAPHQL_PARSE_FAILED', userError: true } }] });
    }
    schema ??= buildSchema(LINEAR_SDL);
    const result = await graphql({
      schema,
      source: body.query,
      rootValue: this.root(ctx),
      variableValues: (body.variables ?? {}) as Record<string, unknown>,
      ...(typeof body.operationName === 'string' ? { operationName: body.operationName } : {}),
    });
    if (result.errors?.length) {
      const errors = result.errors.map((e) => ({
        message: e.message,
        ...(e.path ? { path: e.path } : {}),
        ...(e.locations ? { locations: e.locations } : {}),
        extensions: Object.keys(e.extensions ?? {}).length ? e.extensions : { type: 'graphql error', code: 'GRAPHQL_VALIDATION_FAILED', userError: true, userPresentableMessage: e.message },
      }));
      return json(400, { errors, ...(result.data ? { data: result.data } : {}) });
    }
    return json(200, { data: result.data });
  }
}
