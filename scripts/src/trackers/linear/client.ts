// The Linear GraphQL operations sync needs (names and shapes from Linear's public schema): the team
// (UUID or key), issue labels, issue create / batch create (≤ 50) / update, and lookups.
import type { Config } from '../../config/load.js';
import { transportFor, type ConnectOptions } from '../connect.js';
import { TrackerError } from '../errors.js';
import { MAX_PAGES } from '../policy.js';
import type { Transport } from '../transport.js';
import { isUuid } from './uuid.js';

export const LINEAR_BATCH_MAX = 50;

export interface LinearTeam {
  id: string;
  key: string;
  /** The first workflow state of type `completed` (a checked task's sub-issue goes there). */
  doneStateId?: string;
  /** The first of type `unstarted` (an unchecked task's completed sub-issue goes back there). */
  reopenStateId?: string;
}

export interface LinearIssueRef {
  id: string;
  identifier: string;
  url: string;
  title: string;
  parent?: { id: string } | null;
  /** Its workflow state's type: `backlog`, `unstarted`, `started`, `completed`, `canceled`, `triage`. */
  state?: { type: string };
}

const ISSUE_FIELDS = 'id identifier url title state { type }';

/** One page of a GraphQL connection. */
type Connection<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

type TeamNode = { id: string; key: string; states: { nodes: Array<{ id: string; type: string }> } };
const TEAM_FIELDS = 'id key states(first: 50) { nodes { id type } }';
const teamOf = (n: TeamNode): LinearTeam => {
  const done = n.states.nodes.find((s) => s.type === 'completed');
  const reopen = n.states.nodes.find((s) => s.type === 'unstarted');
  return { id: n.id, key: n.key, ...(done ? { doneStateId: done.id } : {}), ...(reopen ? { reopenStateId: reopen.id } : {}) };
};

/** SPEC_LINEAR_TEAM_ID as a UUID or as a key (`ENG`); sync and `test-integration` both look it up here. */
export async function findTeam(t: Transport, idOrKey: string): Promise<LinearTeam> {
  const missing = () => new TrackerError({ kind: 'not-found', integration: 'linear', status: 404, statusText: '404 Not Found', message: `Linear team '${idOrKey}' not found; check SPEC_LINEAR_TEAM_ID` });
  if (isUuid(idOrKey)) {
    try {
      const d = await t.graphql<{ team: TeamNode }>(`query SpecSyncTeam($id: String!) { team(id: $id) { ${TEAM_FIELDS} } }`, { id: idOrKey }, { action: `team ${idOrKey}` });
      return teamOf(d.team);
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not-found') throw missing();
      throw error;
    }
  }
  const d = await t.graphql<{ teams: { nodes: TeamNode[] } }>(`query SpecSyncTeamByKey($key: String!) { teams(filter: { key: { eq: $key } }, first: 1) { nodes { ${TEAM_FIELDS} } } }`, { key: idOrKey }, { action: `team ${idOrKey}` });
  const node = d.teams.nodes[0];
  if (!node) throw missing();
  return teamOf(node);
}

export class LinearClient {
  readonly t: Transport;
  constructor(config: Config, options: ConnectOptions = {}) {
    this.t = transportFor(config, 'linear', options);
  }

  async viewer(): Promise<void> {
    await this.t.graphql('query SpecViewer { viewer { id name } }', {}, { action: 'viewer' });
  }

  /**
   * Whether the viewer may create issues in the team: a workspace member may in any team they can see;
   * a guest only in teams they were invited to (Linear's members and roles docs).
   */
  async canCreateIn(teamId: string): Promise<boolean> {
    const r = await this.t.graphql<{ viewer: { guest: boolean; teams: { nodes: Array<{ id: string }> } } }>(
      'query SpecCanCreate($team: ID!) { viewer { guest teams(filter: { id: { eq: $team } }) { nodes { id } } } }',
      { team: teamId },
      { action: 'viewer teams' },
    );
    return !r.viewer.guest || r.viewer.teams.nodes.length > 0;
  }

  /** SPEC_LINEAR_TEAM_ID as a UUID or as a key (`ENG`). */
  team(idOrKey: string): Promise<LinearTeam> {
    return findTeam(this.t, idOrKey);
  }

  /** Labels with these names visible to the team (team labels and workspace labels). */
  async labelsNamed(names: string[], teamId: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < names.length; i += 100) {
      const chunk = names.slice(i, i + 100);
      const labels = await this.paged(
        'query SpecSyncLabels($names: [String!], $after: String) { issueLabels(filter: { name: { in: $names } }, first: 100, after: $after) { nodes { id name team { id } } pageInfo { hasNextPage endCursor } } }',
        { names: chunk },
        'find labels',
        (d: { issueLabels: Connection<{ id: string; name: string; team: { id: string } | null }> }) => d.issueLabels,
      );
      for (const l of labels) if (!l.team || l.team.id === teamId) out.set(l.name, l.id);
    }
    return out;
  }

  async createLabel(name: string, teamId: string): Promise<string> {
    const d = await this.t.graphql<{ issueLabelCreate: { issueLabel: { id: string } } }>(
      'mutation SpecSyncLabelCreate($input: IssueLabelCreateInput!) { issueLabelCreate(input: $input) { success issueLabel { id } } }',
      { input: { name, teamId, color: '#5e6ad2', description: 'Created by spec sync: marks the issues of one feature' } },
      { action: `create label ${name}` },
    );
    return d.issueLabelCreate.issueLabel.id;
  }

  async createIssue(input: Record<string, unknown>): Promise<LinearIssueRef> {
    const d = await this.t.graphql<{ issueCreate: { issue: LinearIssueRef | null } }>(`mutation SpecSyncIssueCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success issue { ${ISSUE_FIELDS} } } }`, { input }, { action: 'create issue' });
    if (!d.issueCreate.issue) throw new TrackerError({ kind: 'server', integration: 'linear', message: 'Linear reported success but returned no issue (create issue)' });
    return d.issueCreate.issue;
  }

  /** Up to 50 issues in one transaction (all or nothing). */
  async createIssues(inputs: Array<Record<string, unknown>>): Promise<LinearIssueRef[]> {
    const d = await this.t.graphql<{ issueBatchCreate: { issues: LinearIssueRef[] } }>(
      `mutation SpecSyncIssueBatchCreate($input: IssueBatchCreateInput!) { issueBatchCreate(input: $input) { success issues { ${ISSUE_FIELDS} } } }`,
      { input: { issues: inputs } },
      { action: `create ${inputs.length} issues` },
    );
    return d.issueBatchCreate.issues;
  }

  async updateIssue(id: string, input: Record<string, unknown>): Promise<LinearIssueRef> {
    const d = await this.t.graphql<{ issueUpdate: { issue: LinearIssueRef | null } }>(
      `mutation SpecSyncIssueUpdate($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, input: $input) { success issue { ${ISSUE_FIELDS} } } }`,
      { id, input },
      { op: 'update', action: `update issue ${id}` },
    );
    if (!d.issueUpdate.issue) throw new TrackerError({ kind: 'server', integration: 'linear', message: `Linear reported success but returned no issue (update issue ${id})` });
    return d.issueUpdate.issue;
  }

  /** An issue by UUID or identifier (`ENG-42`); undefined when Linear says it does not exist. */
  async issue(id: string): Promise<LinearIssueRef | undefined> {
    try {
      return (await this.t.graphql<{ issue: LinearIssueRef }>(`query SpecSyncIssue($id: String!) { issue(id: $id) { ${ISSUE_FIELDS} } }`, { id }, { action: `issue ${id}` })).issue;
    } catch (error) {
      if (error instanceof TrackerError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** The team's issues carrying this label (a feature's issue and its sub-issues). */
  async issuesLabelled(label: string, teamId: string): Promise<LinearIssueRef[]> {
    return this.paged(
      `query SpecSyncIssuesLabelled($label: String!, $team: ID!, $after: String) { issues(filter: { labels: { name: { eq: $label } }, team: { id: { eq: $team } } }, first: 100, after: $after) { nodes { ${ISSUE_FIELDS} parent { id } } pageInfo { hasNextPage endCursor } } }`,
      { label, team: teamId },
      `issues labelled ${label}`,
      (d: { issues: Connection<LinearIssueRef> }) => d.issues,
    );
  }

  /** Every node of a cursor-paginated connection, page by page (`$after`); `pick` finds the connection in the answer. */
  private async paged<D, T>(query: string, vars: Record<string, unknown>, action: string, pick: (d: D) => Connection<T>): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let n = 1; ; n++) {
      if (n > MAX_PAGES) throw new TrackerError({ kind: 'server', integration: 'linear', statusText: 'Too many pages', message: `Linear kept paginating ${action} past ${MAX_PAGES} pages; stopped` });
      const page = pick(await this.t.graphql<D>(query, { ...vars, ...(after ? { after } : {}) }, { action }));
      out.push(...page.nodes);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
      after = page.pageInfo.endCursor;
    }
  }
}
