// GitHub REST emulator: user, repository, issues (create/list/get/patch, label filters, Link paging),
// labels, milestones, /rate_limit; primary (x-ratelimit-*) and secondary (80 content-creating/min) limits.
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import type { ScaledClock } from '../core/scaled-clock.js';
import { json, match, type Emulator, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import { WindowLimiter, type LimitSpec } from './limiter.js';
import { githubAcceptedPermissions, githubIssueLabelErrors, githubIssueTextErrors, githubLabelCreateErrors } from './refusals.js';

export interface GithubIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  milestone: number | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Login of whoever closed it last (shown on the single-issue read only, as GitHub does). */
  closed_by?: string | null;
  /** Deleted by an admin: reads answer 410 Gone. */
  deleted?: boolean;
  /** Transferred to another repository: reads answer 301 to the new issue. */
  transferredTo?: { owner: string; repo: string; number: number };
}
export interface GithubLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}
export interface GithubMilestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  created_at: string;
}

const DOCS = 'https://docs.github.com/rest';
const USER = { login: 'sandbox-user', id: 583231 };
const gh = (status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Reply => json(status, { message, documentation_url: DOCS, status: String(status), ...extra }, headers);

export class GithubEmulator implements Emulator {
  readonly issues: GithubIssue[] = [];
  readonly labels: GithubLabel[] = [
    { id: 1001, name: 'bug', color: 'd73a4a', description: "Something isn't working" },
    { id: 1002, name: 'enhancement', color: 'a2eeef', description: 'New feature or request' },
  ];
  readonly milestones: GithubMilestone[] = [];
  private ids = 2000000;
  private primary: WindowLimiter;
  private secondary: WindowLimiter;

  constructor(
    limits: { primary: LimitSpec; contentCreation: LimitSpec },
    private readonly clock: ScaledClock,
  ) {
    this.primary = new WindowLimiter(limits.primary, clock);
    this.secondary = new WindowLimiter(limits.contentCreation, clock);
  }

  /** After a restore (persist.ts): ids continue after the highest stored one (issue numbers follow the list). */
  resumeCounters(): void {
    for (const x of [...this.issues, ...this.labels, ...this.milestones]) this.ids = Math.max(this.ids, x.id);
  }

  authorized(req: SandboxRequest): boolean {
    const h = req.headers.authorization ?? '';
    return h === `Bearer ${C.githubToken}` || h === `token ${C.githubToken}`;
  }
  unauthorized(): Reply {
    return json(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
  }
  rateHeaders(): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.primary.spec.limit),
      'x-ratelimit-remaining': String(this.primary.remaining),
      'x-ratelimit-used': String(this.primary.usedCount),
      'x-ratelimit-reset': String(Math.ceil(this.primary.resetAt / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }
  limit(ctx: EmulatorContext, req: SandboxRequest): Reply | undefined {
    if (req.path === '/rate_limit') return undefined; // does not count against the primary limit
    if (!this.primary.hit()) {
      return gh(403, `API rate limit exceeded for user ID ${USER.id}. If you reach out to GitHub Support for help, please include the request ID.`, {}, { 'x-ratelimit-remaining': '0' });
    }
    if (req.method !== 'GET' && !this.secondary.hit()) {
      return gh(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.', {}, { 'retry-after': String(this.secondary.retryAfterSeconds) });
    }
    return undefined;
  }
  rateLimited(ctx: EmulatorContext, retryAfterSeconds: number): Reply {
    return gh(429, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', {}, { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(ctx.clock.now() / 1000 + retryAfterSeconds)) });
  }
  serverError(): Reply {
    return gh(503, 'Service Unavailable');
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  private repoUrl(ctx: EmulatorContext): string {
    return `${ctx.baseUrl}/repos/${C.githubOwner}/${C.githubRepo}`;
  }
  private userView(ctx: EmulatorContext, login = USER.login, id = USER.id, type = 'User') {
    const u = `${ctx.baseUrl}/users/${login}`;
    return {
      login, id, node_id: `U_${id}`, avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`, gravatar_id: '', url: u, html_url: `https://github.com/${login}`,
      followers_url: `${u}/followers`, following_url: `${u}/following{/other_user}`, gists_url: `${u}/gists{/gist_id}`, starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`, organizations_url: `${u}/orgs`, repos_url: `${u}/repos`, events_url: `${u}/events{/privacy}`, received_events_url: `${u}/received_events`,
      type, site_admin: false, user_view_type: 'public',
    };
  }
  private labelView(l: GithubLabel, ctx: EmulatorContext) {
    return { id: l.id, node_id: `LA_${l.id}`, url: `${this.repoUrl(ctx)}/labels/${encodeURIComponent(l.name)}`, name: l.name, description: l.description, color: l.color, default: l.id < 1100 };
  }
  private milestoneView(m: GithubMilestone, ctx: EmulatorContext) {
    const issues = this.issues.filter((i) => i.milestone === m.number);
    return {
      url: `${this.repoUrl(ctx)}/milestones/${m.number}`, html_url: `https://github.com/${C.githubOwner}/${C.githubRepo}/milestone/${m.number}`, labels_url: `${this.repoUrl(ctx)}/milestones/${m.number}/labels`,
      id: m.id, node_id: `MI_${m.id}`, number: m.number, state: m.state, title: m.title, description: m.description, creator: this.userView(ctx),
      open_issues: issues.filter((i) => i.state === 'open').length, closed_issues: issues.filter((i) => i.state === 'closed').length,
      created_at: m.created_at, updated_at: m.created_at, closed_at: null, due_on: null,
    };
  }
  private issueView(i: GithubIssue, ctx: EmulatorContext, single = false) {
    const url = `${this.repoUrl(ctx)}/issues/${i.number}`;
    const milestone = i.milestone === null ? null : this.milestones.find((m) => m.number === i.milestone);
    return {
      id: i.id, node_id: i.node_id, url, repository_url: this.repoUrl(ctx), labels_url: `${url}/labels{/name}`, comments_url: `${url}/comments`, events_url: `${url}/events`,
      html_url: `https://github.com/${C.githubOwner}/${C.githubRepo}/issues/${i.number}`, number: i.number, state: i.state, state_reason: i.state_reason, title: i.title, body: i.body,
      user: this.userView(ctx), labels: i.labels.map((n) => this.labelView(this.labels.find((l) => l.name === n) as GithubLabel, ctx)), assignee: null, assignees: [],
      milestone: milestone ? this.milestoneView(milestone, ctx) : null, locked: false, active_lock_reason: null, comments: 0, closed_at: i.closed_at, created_at: i.created_at, updated_at: i.updated_at,
      closed_by: single && i.closed_by ? this.userView(ctx, i.closed_by, 9000 + i.closed_by.length) : null, author_association: 'OWNER',
    };
  }
  private repoView(ctx: EmulatorContext) {
    const push = !ctx.faults.has('github', 'permission');
    const r = this.repoUrl(ctx);
    const full = `${C.githubOwner}/${C.githubRepo}`;
    const urls = Object.fromEntries(
      ['archive_url:/{archive_format}{/ref}', 'assignees_url:/assignees{/user}', 'blobs_url:/git/blobs{/sha}', 'branches_url:/branches{/branch}', 'collaborators_url:/collaborators{/collaborator}',
        'comments_url:/comments{/number}', 'commits_url:/commits{/sha}', 'compare_url:/compare/{base}...{head}', 'contents_url:/contents/{+path}', 'contributors_url:/contributors',
        'deployments_url:/deployments', 'downloads_url:/downloads', 'events_url:/events', 'forks_url:/forks', 'git_commits_url:/git/commits{/sha}', 'git_refs_url:/git/refs{/sha}',
        'git_tags_url:/git/tags{/sha}', 'hooks_url:/hooks', 'issue_comment_url:/issues/comments{/number}', 'issue_events_url:/issues/events{/number}', 'issues_url:/issues{/number}',
        'keys_url:/keys{/key_id}', 'labels_url:/labels{/name}', 'languages_url:/languages', 'merges_url:/merges', 'milestones_url:/milestones{/number}',
        'notifications_url:/notifications{?since,all,participating}', 'pulls_url:/pulls{/number}', 'releases_url:/releases{/id}', 'stargazers_url:/stargazers',
        'statuses_url:/statuses/{sha}', 'subscribers_url:/subscribers', 'subscription_url:/subscription', 'tags_url:/tags', 'teams_url:/teams', 'trees_url:/git/trees{/sha}'].map((x) => {
        const [k, suffix] = x.split(':') as [string, string];
        return [k, `${r}${suffix}`];
      }),
    );
    return {
      id: 1296269, node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5', name: C.githubRepo, full_name: full, private: true,
      owner: this.userView(ctx, C.githubOwner, 9919, 'Organization'), html_url: `https://github.com/${full}`, description: 'Sandbox repository', fork: false, url: r, ...urls,
      git_url: `git://github.com/${full}.git`, ssh_url: `git@github.com:${full}.git`, clone_url: `https://github.com/${full}.git`, svn_url: `https://github.com/${full}`, mirror_url: null, homepage: null, language: 'TypeScript',
      forks: 0, forks_count: 0, stargazers_count: 0, watchers_count: 0, watchers: 0, size: 100, default_branch: 'main', open_issues: this.issues.filter((i) => i.state === 'open').length,
      open_issues_count: this.issues.filter((i) => i.state === 'open').length, is_template: false, topics: [], has_issues: !ctx.faults.has('github', 'issues-disabled'), has_projects: true, has_wiki: false,
      has_pages: false, has_downloads: false, has_discussions: false, archived: false, disabled: false, visibility: 'private', license: null, network_count: 0, subscribers_count: 1,
      permissions: { admin: false, maintain: push, push, triage: push, pull: true },
      pushed_at: this.stamp(), created_at: '2024-01-01T00:00:00Z', updated_at: this.stamp(), allow_forking: false, web_commit_signoff_required: false,
    };
  }

  private ensureLabel(name: string): void {
    if (!this.labels.some((l) => l.name === name)) this.labels.push({ id: ++this.ids, name, color: 'ededed', description: null });
  }

  private listReply<T>(items: T[], req: SandboxRequest, ctx: EmulatorContext): Reply {
    const perPage = Math.min(Number(req.query.get('per_page') ?? 30) || 30, 100);
    const pageNo = Math.max(1, Number(req.query.get('page') ?? 1) || 1);
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set('page', String(n));
      q.set('per_page', String(perPage));
      return `<${ctx.baseUrl}${req.path}?${q}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
    if (pageNo > 1) links.push(link(1, 'first'), link(pageNo - 1, 'prev'));
    return json(200, slice, links.length ? { Link: links.join(', ') } : {});
  }

  handle(req: SandboxRequest, ctx: EmulatorContext): Reply {
    if (!req.headers['user-agent']) {
      return gh(403, 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required).');
    }
    const version = req.headers['x-github-api-version'];
    if (version !== undefined && version !== '2022-11-28' && version !== '2026-03-10') return gh(400, `API version ${version} is not supported.`);
    const { method: m, path: p } = req;
    const f = ctx.faults;
    if (m === 'GET' && p === '/user') {
      return json(200, {
        ...this.userView(ctx), user_view_type: 'private', name: 'Sandbox User', email: null, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z',
        public_repos: 1, public_gists: 0, followers: 0, following: 0, bio: null, blog: '', company: null, location: null, hireable: null, twitter_username: null,
        private_gists: 0, total_private_repos: 1, owned_private_repos: 1, disk_usage: 10, collaborators: 0, two_factor_authentication: true,
      });
    }
    if (m === 'GET' && p === '/rate_limit') {
      const core = { limit: this.primary.spec.limit, remaining: this.primary.remaining, reset: Math.ceil(this.primary.resetAt / 1000), used: this.primary.usedCount };
      return json(200, { resources: { core, search: { limit: 30, remaining: 30, reset: core.reset, used: 0 } }, rate: core });
    }
    const repo = match('/repos/{owner}/{repo}', p.split('/').slice(0, 4).join('/'));
    if (!repo) return gh(404, 'Not Found');
    if (repo.owner !== C.githubOwner || repo.repo !== C.githubRepo || f.has('github', 'not-found')) return gh(404, 'Not Found');
    const rest = p.split('/').slice(4).join('/');
    const body = (req.json ?? {}) as Record<string, unknown>;
    if (m === 'GET' && rest === '') return json(200, this.repoView(ctx));

    if (rest === 'issues' || rest.startsWith('issues/')) {
      if (f.has('github', 'issues-disabled')) return gh(410, 'Issues are disabled for this repo');
    }
    if (m !== 'GET' && f.has('github', 'fine-grained-token')) {
      return gh(403, 'Resource not accessible by personal access token', {}, { 'X-Accepted-GitHub-Permissions': githubAcceptedPermissions(rest) });
    }
    if (rest === 'issues' && m === 'GET') {
      const state = req.query.get('state') ?? 'open';
      const labels = req.query.get('labels')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
      const milestone = req.query.get('milestone');
      // `since`: only issues updated at or after the time (list parameter `since`, ISO 8601).
      const since = req.query.get('since');
      const sinceMs = since ? Date.parse(since) : Number.NaN;
      if (since && Number.isNaN(sinceMs)) return gh(422, 'Validation Failed', { errors: [{ value: since, resource: 'Issue', field: 'since', code: 'invalid' }] });
      const list = this.issues
        .filter((i) => !i.deleted && !i.transferredTo)
        .filter((i) => Number.isNaN(sinceMs) || Date.parse(i.updated_at) >= sinceMs)
        .filter((i) => state === 'all' || i.state === state)
        .filter((i) => labels.every((l) => i.labels.includes(l)))
        .filter((i) => !milestone || milestone === '*' || String(i.milestone) === milestone)
        .sort((a, b) => b.number - a.number)
        .map((i) => this.issueView(i, ctx));
      return this.listReply(list, req, ctx);
    }
    if (rest === 'issues' && m === 'POST') {
      if (req.json === undefined) return gh(400, 'Problems parsing JSON');
      if (f.has('github', 'permission')) return gh(403, 'Resource not accessible by personal access token');
      if (body.title === undefined || body.title === null || body.title === '') return gh(422, 'Validation Failed', { errors: [{ resource: 'Issue', field: 'title', code: 'missing_field' }] });
      if (typeof body.title !== 'string' && typeof body.title !== 'number') return gh(422, 'Invalid request.\n\nFor \'properties/title\', ' + JSON.stringify(body.title) + ' is not a string or integer.');
      const milestone = body.milestone === undefined || body.milestone === null ? null : Number(body.milestone);
      if (milestone !== null && !this.milestones.some((x) => x.number === milestone)) return gh(422, 'Validation Failed', { errors: [{ value: body.milestone, resource: 'Issue', field: 'milestone', code: 'invalid' }] });
      const labels = ((body.labels as Array<string | { name: string }>) ?? []).map((l) => (typeof l === 'string' ? l : l.name));
      const invalid = [...githubIssueTextErrors(body), ...githubIssueLabelErrors(labels)];
      if (invalid.length) return gh(422, 'Validation Failed', { errors: invalid });
      labels.forEach((l) => this.ensureLabel(l));
      const number = this.issues.length + 1;
      const now = this.stamp();
      const issue: GithubIssue = { id: ++this.ids, node_id: `I_kw${this.ids}`, number, title: String(body.title), body: typeof body.body === 'string' ? body.body : null, state: 'open', state_reason: null, labels, milestone, created_at: now, updated_at: now, closed_at: null };
      this.issues.push(issue);
      return json(201, this.issueView(issue, ctx), { Location: `${this.repoUrl(ctx)}/issues/${number}` });
    }
    let a: Record<string, string> | undefined;
    if ((a = match('issues/{n}', rest))) {
      const issue = this.issues.find((i) => String(i.number) === a?.n);
      if (!issue) return gh(404, 'Not Found');
      // Get an issue: 410 Gone once deleted, 301 Moved Permanently once transferred (the operation's description).
      if (issue.deleted) return gh(410, 'This issue was deleted');
      if (issue.transferredTo) {
        const t = issue.transferredTo;
        const to = `${ctx.baseUrl}/repos/${t.owner}/${t.repo}/issues/${t.number}`;
        return json(301, { message: 'Moved Permanently', url: to, documentation_url: 'https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects' }, { Location: to });
      }
      if (m === 'GET') return json(200, this.issueView(issue, ctx, true));
      if (m === 'PATCH') {
        if (f.has('github', 'permission')) return gh(403, 'Resource not accessible by personal access token');
        if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') return gh(422, 'Validation Failed', { errors: [{ value: body.state, resource: 'Issue', field: 'state', code: 'invalid' }] });
        const named = Array.isArray(body.labels) ? (body.labels as Array<string | { name: string }>).map((l) => (typeof l === 'string' ? l : l.name)) : [];
        const invalid = [...githubIssueTextErrors(body), ...githubIssueLabelErrors(named)];
        if (invalid.length) return gh(422, 'Validation Failed', { errors: invalid });
        if (typeof body.title === 'string') issue.title = body.title;
        if (typeof body.body === 'string' || body.body === null) issue.body = body.body as string | null;
        if (Array.isArray(body.labels)) {
          issue.labels = (body.labels as Array<string | { name: string }>).map((l) => (typeof l === 'string' ? l : l.name));
          issue.labels.forEach((l) => this.ensureLabel(l));
        }
        if (body.milestone !== undefined) issue.milestone = body.milestone === null ? null : Number(body.milestone);
        if (body.state === 'closed' && issue.state === 'open') {
          issue.state = 'closed';
          issue.state_reason = typeof body.state_reason === 'string' ? body.state_reason : 'completed';
          issue.closed_at = this.stamp();
          issue.closed_by = USER.login;
        } else if (body.state === 'open' && issue.state === 'closed') {
          issue.state = 'open';
          issue.state_reason = 'reopened';
          issue.closed_at = null;
        }
        issue.updated_at = this.stamp();
        return json(200, this.issueView(issue, ctx, true));
      }
    }
    if (rest === 'labels' && m === 'GET') return this.listReply(this.labels.map((l) => this.labelView(l, ctx)), req, ctx);
    if (rest === 'labels' && m === 'POST') {
      if (f.has('github', 'permission')) return gh(403, 'Resource not accessible by personal access token');
      if (typeof body.name !== 'string' || !body.name) return gh(422, 'Validation Failed', { errors: [{ resource: 'Label', field: 'name', code: 'missing_field' }] });
      const tooLong = githubLabelCreateErrors(body.name);
      if (tooLong.length) return gh(422, 'Validation Failed', { errors: tooLong });
      if (this.labels.some((l) => l.name.toLowerCase() === String(body.name).toLowerCase())) return gh(422, 'Validation Failed', { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
      const label: GithubLabel = { id: ++this.ids, name: body.name, color: typeof body.color === 'string' ? body.color.replace(/^#/, '') : 'ededed', description: typeof body.description === 'string' ? body.description : null };
      this.labels.push(label);
      return json(201, this.labelView(label, ctx), { Location: `${this.repoUrl(ctx)}/labels/${encodeURIComponent(label.name)}` });
    }
    if (rest === 'milestones' && m === 'GET') {
      const state = req.query.get('state') ?? 'open';
      return this.listReply(this.milestones.filter((x) => state === 'all' || x.state === state).map((x) => this.milestoneView(x, ctx)), req, ctx);
    }
    if (rest === 'milestones' && m === 'POST') {
      if (f.has('github', 'permission')) return gh(403, 'Resource not accessible by personal access token');
      if (typeof body.title !== 'string' || !body.title) return gh(422, 'Validation Failed', { errors: [{ resource: 'Milestone', field: 'title', code: 'missing_field' }] });
      if (this.milestones.some((x) => x.title === body.title)) return gh(422, 'Validation Failed', { errors: [{ resource: 'Milestone', code: 'already_exists', field: 'title' }] });
      const ms: GithubMilestone = { id: ++this.ids, number: this.milestones.length + 1, title: body.title, description: typeof body.description === 'string' ? body.description : null, state: 'open', created_at: this.stamp() };
      this.milestones.push(ms);
      return json(201, this.milestoneView(ms, ctx), { Location: `${this.repoUrl(ctx)}/milestones/${ms.number}` });
    }
    return gh(404, 'Not Found');
  }
}
