// The few GitHub REST calls sync needs, over the shared transport: issues of one feature (by its
// `spec-003-<slug>` label, every page), create/patch/get an issue, labels and milestones.
// Content-creating requests (POST, PATCH) go through the `content-create` pace: 80 a minute.
import type { Config } from '../../config/load.js';
import { clockFromEnv, transportFor, type ConnectOptions } from '../connect.js';
import { TrackerError } from '../errors.js';
import { MAX_PAGES } from '../policy.js';
import { realClock, type Clock, type Transport } from '../transport.js';

/**
 * Besides the transport's even pace (one every 750 ms), never let 81 content-creating requests fall
 * within one minute as the SERVER sees them: the 81st waits until a minute after the 1st came BACK.
 * Pacing by send times alone is exact only without jitter: a slow first request and a quick 81st
 * land inside one window and draw a secondary-limit 403. The guard costs one round trip per 80 requests.
 */
export class MinuteWindow {
  private done: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly clock: Clock,
  ) {}
  async slot(): Promise<void> {
    if (this.done.length < this.limit) return;
    const wait = (this.done[this.done.length - this.limit] as number) + MINUTE - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }
  finished(): void {
    this.done.push(this.clock.now());
    if (this.done.length > this.limit) this.done.splice(0, this.done.length - this.limit);
  }
}

/** GitHub's secondary limit on content-creating requests, per minute. */
export const CONTENT_CREATE_PER_MINUTE = 80;
const MINUTE = 60_000;

export interface GhIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  html_url: string;
  labels: Array<{ name: string } | string>;
  milestone: { number: number; title: string } | null;
  pull_request?: unknown;
}

export interface IssueWrite {
  title?: string;
  body?: string;
  labels?: string[];
  milestone?: number | null;
  state?: 'open' | 'closed';
  state_reason?: 'completed' | 'reopened' | 'not_planned';
}

/** What test-integration reads of the repository. */
export interface RepoView {
  has_issues?: boolean;
  permissions?: { push?: boolean };
}

export const labelNames = (i: Pick<GhIssue, 'labels'>): string[] => i.labels.map((l) => (typeof l === 'string' ? l : l.name));

/** The `page` of the rel="next" link in a Link header, if any. */
export function nextPage(link: string | undefined): number | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!m) continue;
    const page = new URL(m[1] as string).searchParams.get('page');
    return page ? Number(page) : undefined;
  }
  return undefined;
}

export class GithubClient {
  readonly t: Transport;
  private readonly repo: string;
  private readonly fullName: string;
  private readonly window: MinuteWindow;
  constructor(config: Config, options: ConnectOptions = {}) {
    const clock = options.clock ?? clockFromEnv(options.env ?? process.env) ?? realClock;
    this.t = transportFor(config, 'github', { paces: { 'content-create': CONTENT_CREATE_PER_MINUTE }, ...options, clock });
    this.window = new MinuteWindow(CONTENT_CREATE_PER_MINUTE, clock);
    this.repo = `/repos/${encodeURIComponent(config.github.owner)}/${encodeURIComponent(config.github.repo)}`;
    this.fullName = `${config.github.owner}/${config.github.repo}`;
  }

  /** A content-creating request: the minute window first, then the transport's pace. */
  private async content<T>(spec: Parameters<Transport['request']>[0]): Promise<T> {
    await this.window.slot();
    try {
      return (await this.t.request<T>({ ...spec, pace: 'content-create' })).body;
    } finally {
      this.window.finished();
    }
  }

  private async all<T>(path: string, query: Record<string, string | number>, action: string): Promise<T[]> {
    const out: T[] = [];
    for (let page: number | undefined = 1; page !== undefined; ) {
      if (page > MAX_PAGES) throw new TrackerError({ kind: 'server', integration: 'github', statusText: 'Too many pages', message: `GitHub kept paginating ${action} past ${MAX_PAGES} pages; stopped` });
      const res: { body: T[]; headers: Record<string, string> } = await this.t.request<T[]>({ method: 'GET', path, query: { ...query, per_page: 100, page }, action });
      out.push(...(Array.isArray(res.body) ? res.body : []));
      const next = nextPage(res.headers.link);
      page = next !== undefined && next > page ? next : undefined;
    }
    return out;
  }

  async user(): Promise<void> {
    await this.t.request({ method: 'GET', path: '/user', action: 'who am I' });
  }

  /** The configured repository, or undefined when it is not visible to this token. */
  async repository(): Promise<RepoView | undefined> {
    const r = await this.t.request<RepoView>({ method: 'GET', path: this.repo, accept: [404], action: `repository ${this.fullName}` });
    return r.status === 404 ? undefined : r.body;
  }

  /** Every issue (open and closed) carrying this label; pull requests left out. */
  async issuesLabelled(label: string): Promise<GhIssue[]> {
    const list = await this.all<GhIssue>(`${this.repo}/issues`, { labels: label, state: 'all' }, `list issues labelled ${label}`);
    return list.filter((i) => !i.pull_request);
  }

  /** One issue, or undefined when it no longer exists (404, or 410 when deleted). */
  async issue(n: number): Promise<GhIssue | undefined> {
    const res = await this.t.request<GhIssue>({ method: 'GET', path: `${this.repo}/issues/${n}`, accept: [404, 410], action: `get issue #${n}` });
    return res.status === 200 ? res.body : undefined;
  }

  async createIssue(body: IssueWrite & { title: string }): Promise<GhIssue> {
    return this.content<GhIssue>({ method: 'POST', path: `${this.repo}/issues`, body, op: 'create', action: 'create issue' });
  }

  async patchIssue(n: number, body: IssueWrite): Promise<GhIssue> {
    return this.content<GhIssue>({ method: 'PATCH', path: `${this.repo}/issues/${n}`, body, op: 'update', action: `update issue #${n}` });
  }

  /**
   * Prove the token may write, with a write that changes nothing for good: create the `spec` label
   * (sync creates it anyway). GitHub checks permission before validation, so 422 already_exists
   * proves write access too. A refusal comes back with X-Accepted-GitHub-Permissions, what a
   * fine-grained token lacks.
   */
  async proveWrite(name: string, color: string, description: string): Promise<{ ok: true } | { ok: false; status: number; message: string; accepted?: string }> {
    const res = await this.t.request<{ message?: string }>({ method: 'POST', path: `${this.repo}/labels`, body: { name, color, description }, op: 'create', accept: [403, 404, 422], action: `write label ${name}` });
    if (res.status < 300 || res.status === 422) return { ok: true };
    const accepted = res.headers['x-accepted-github-permissions'];
    return { ok: false, status: res.status, message: String(res.body?.message ?? res.text).slice(0, 200), ...(accepted ? { accepted } : {}) };
  }

  async labels(): Promise<string[]> {
    return (await this.all<{ name: string }>(`${this.repo}/labels`, {}, 'list labels')).map((l) => l.name);
  }

  async createLabel(name: string, color: string, description: string): Promise<void> {
    await this.content({ method: 'POST', path: `${this.repo}/labels`, body: { name, color, description }, op: 'create', accept: [422], action: `create label ${name}` });
  }

  async milestones(): Promise<Array<{ number: number; title: string }>> {
    return this.all<{ number: number; title: string }>(`${this.repo}/milestones`, { state: 'all' }, 'list milestones');
  }

  async createMilestone(title: string): Promise<number> {
    return (await this.content<{ number: number }>({ method: 'POST', path: `${this.repo}/milestones`, body: { title }, op: 'create', action: `create milestone ${title}` })).number;
  }
}
