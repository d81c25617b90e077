// The JIRA Cloud REST v3 calls spec makes, over the shared transport: who am I, the project and the
// Create Issues permission (test-integration), create one or up to 50 stories, edit one, find one by the
// feature label through /search/jql, read one. Refusals (400) come back as responses: the adapter reads
// JIRA's ErrorCollection to tell an epic refusal from a field refusal.
import type { Config } from '../../config/load.js';
import { transportFor, type ConnectOptions } from '../connect.js';
import type { JiraIssuePayload } from '../render/payload-types.js';
import type { Transport, TrackerResponse } from '../transport.js';
import type { ErrorCollection } from './field-errors.js';

export interface CreatedIssue {
  id: string;
  key: string;
}

export interface BulkResponse {
  issues?: CreatedIssue[];
  errors?: Array<{ elementErrors?: ErrorCollection; failedElementNumber?: number; status?: number }>;
}

/** An edit: fields to set, and labels added (never replaced, so a person's own labels stay). */
export interface IssueEdit {
  fields: Record<string, unknown>;
  update: { labels: Array<{ add: string }> };
}

export class JiraClient {
  readonly t: Transport;
  constructor(
    private readonly config: Config,
    private readonly options: ConnectOptions = {},
  ) {
    this.t = transportFor(config, 'jira', options);
  }

  /** The site's cloud id from its public `/_edge/tenant_info` (asked of the site, never the gateway). */
  async cloudId(): Promise<string | undefined> {
    const site = transportFor({ ...this.config, jira: { ...this.config.jira, apiUrl: this.config.jira.url } }, 'jira', this.options);
    const r = await site.request<{ cloudId?: unknown }>({ method: 'GET', path: '/_edge/tenant_info', action: 'look up the cloud id', accept: [401, 403, 404] });
    return r.status === 200 && typeof r.body?.cloudId === 'string' ? r.body.cloudId : undefined;
  }

  async myself(): Promise<void> {
    await this.t.request({ method: 'GET', path: '/rest/api/3/myself', action: 'who am I' });
  }

  /** Whether the project exists and this user can see it. */
  async projectVisible(key: string): Promise<boolean> {
    const r = await this.t.request({ method: 'GET', path: `/rest/api/3/project/${encodeURIComponent(key)}`, accept: [404], action: `project ${key}` });
    return r.status !== 404;
  }

  async canCreateIssues(projectKey: string): Promise<boolean> {
    const r = await this.t.request<{ permissions?: Record<string, { havePermission?: boolean }> }>({ method: 'GET', path: '/rest/api/3/mypermissions', query: { projectKey, permissions: 'CREATE_ISSUES' }, action: 'create permission' });
    return Boolean(r.body?.permissions?.CREATE_ISSUES?.havePermission);
  }

  createIssue(body: JiraIssuePayload, action: string): Promise<TrackerResponse<CreatedIssue>> {
    return this.t.request<CreatedIssue>({ method: 'POST', path: '/rest/api/3/issue', body, accept: [400], action });
  }

  createIssues(payloads: JiraIssuePayload[], action: string): Promise<TrackerResponse<BulkResponse>> {
    return this.t.request<BulkResponse>({ method: 'POST', path: '/rest/api/3/issue/bulk', body: { issueUpdates: payloads }, accept: [400], action });
  }

  editIssue(key: string, body: IssueEdit, action: string): Promise<TrackerResponse> {
    return this.t.request({ method: 'PUT', path: `/rest/api/3/issue/${encodeURIComponent(key)}`, body, accept: [400], action });
  }

  /** Issues of the project carrying this label, oldest first. */
  async issuesLabelled(projectKey: string, label: string): Promise<CreatedIssue[]> {
    const jql = `project = ${projectKey} AND labels = "${label}"`;
    const res = await this.t.request<{ issues?: CreatedIssue[] }>({ method: 'GET', path: '/rest/api/3/search/jql', query: { jql, fields: 'summary', maxResults: 10 }, action: `find story labelled ${label}` });
    return (res.body?.issues ?? []).filter((i) => i.key).sort((a, b) => Number(a.id) - Number(b.id));
  }

  async issueExists(key: string): Promise<boolean> {
    const res = await this.t.request({ method: 'GET', path: `/rest/api/3/issue/${encodeURIComponent(key)}`, query: { fields: 'summary' }, accept: [404], action: `read ${key}` });
    return res.status !== 404;
  }
}
