// The few GitHub REST calls sync needs, over the shared transport: issues of one feature (by its
// `spec-003-<slug>` label, every page), create/patch/get an issue, labels and milestones.
// Content-creating requests (POST, PATCH) go through the `content-create` pace: 80 a minute.
import type { Config } from '../../config/load.js';
import { transportFor, type ConnectOptions } from '../connect.js';
import type { Transport } from '../transport.js';

/** GitHub's secondary limit on content-creating requests, per minute. */
export const CONTENT_CREATE_PER_MINUTE = 80;

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
  constructor(config: Config, options: ConnectOptions = {}) {
    this.t = transportFor(config, 'github', { paces: { 'content-create': CONTENT_CREATE_PER_MINUTE }, ...options });
    this.repo = `/repos/${encodeURIComponent(config.github.owner)}/${encodeURIComponent(config.github.repo)}`;
  }

  private async all<T>(path: string, query: Record<string, string | number>, action: string): Promise<T[]> {
    const out: T[] = [];
    for (let page: number | undefined = 1; page !== undefined; ) {
      const res: { body: T[]; headers: Record<string, string> } = await this.t.request<T[]>({ method: 'GET', path, query: { ...query, per_page: 100, page }, action });
      out.push(...(Array.isArray(res.body) ? res.body : []));
      const next = nextPage(res.headers.link);
      page = next !== undefined && next > page ? next : undefined;
    }
    return out;
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
    return (await this.t.request<GhIssue>({ method: 'POST', path: `${this.repo}/issues`, body, op: 'create', pace: 'content-create', action: 'create issue' })).body;
  }

  async patchIssue(n: number, body: IssueWrite): Promise<GhIssue> {
    return (await this.t.request<GhIssue>({ method: 'PATCH', path: `${this.repo}/issues/${n}`, body, op: 'update', pace: 'content-create', action: `update issue #${n}` })).body;
  }

  async labels(): Promise<string[]> {
    return (await this.all<{ name: string }>(`${this.repo}/labels`, {}, 'list labels')).map((l) => l.name);
  }

  async createLabel(name: string, color: string, description: string): Promise<void> {
    await this.t.request({ method: 'POST', path: `${this.repo}/labels`, body: { name, color, description }, op: 'create', pace: 'content-create', accept: [422], action: `create label ${name}` });
  }

  async milestones(): Promise<Array<{ number: number; title: string }>> {
    return this.all<{ number: number; title: string }>(`${this.repo}/milestones`, { state: 'all' }, 'list milestones');
  }

  async createMilestone(title: string): Promise<number> {
    return (await this.t.request<{ number: number }>({ method: 'POST', path: `${this.repo}/milestones`, body: { title }, op: 'create', pace: 'content-create', action: `create milestone ${title}` })).body.number;
  }
}
