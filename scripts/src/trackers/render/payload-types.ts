// The exact bodies we send to each tracker (and that `spec export` prints). Pure data, no I/O.
import type { AdfDoc } from './adf.js';

/** JIRA REST v3 `POST /rest/api/3/issue` body (also one element of `/rest/api/3/issue/bulk` issueUpdates). */
export interface JiraIssuePayload {
  fields: {
    project: { key: string };
    summary: string;
    description: AdfDoc;
    issuetype: { name: string };
    priority?: { name: string };
    labels: string[];
    /** Epic link (team-managed and company-managed projects alike since 2023). */
    parent?: { key: string };
    /** `customfield_N` → value. */
    [customField: string]: unknown;
  };
}

/** Confluence v2 `POST /wiki/api/v2/pages` body; `spaceId` is resolved by the adapter from the space key. */
export interface ConfluencePagePayload {
  spaceKey: string;
  spaceId?: string;
  status: 'current';
  title: string;
  parentId?: string;
  body: { representation: 'storage'; value: string };
  /** Which document the page renders (plan.md, or spec.md when SPEC_CONFLUENCE_PUBLISH_SPEC is on). */
  source: 'plan.md' | 'spec.md';
}

/** Linear `IssueCreateInput` (GraphQL), for `issueCreate` / `issueBatchCreate`. */
export interface LinearIssuePayload {
  title: string;
  description: string;
  teamId: string;
  /** 0 none, 1 urgent, 2 high, 3 medium, 4 low. */
  priority?: number;
  projectId?: string;
  labelIds?: string[];
  /** Labels by name (SPEC_LINEAR_LABELS entries that are not ids, the template's `issue.labels`): not a
   *  Linear field; sync looks them up in the team, creates the missing ones, and sends their ids. Linear's
   *  MCP server takes names, so `export` prints them as they are. */
  labelNames?: string[];
  /** Set by the adapter for task sub-issues, once the feature issue exists. */
  parentId?: string;
}

/** GitHub `POST /repos/{owner}/{repo}/issues` body. */
export interface GithubIssuePayload {
  title: string;
  body: string;
  labels: string[];
  /** Milestone title; the adapter resolves it to the number the API wants. */
  milestone?: string;
}
