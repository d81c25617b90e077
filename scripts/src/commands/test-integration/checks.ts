// The live checks of each tracker: who am I, is the project/space/team/repository visible, may I
// create in it. Each step is one line; the first failure ends that tracker's check with a TrackerError.
import type { Config } from '../../config/load.js';
import { TRACKER_NAMES, type Tracker } from '../../config/keys.js';
import { TrackerError } from '../../trackers/errors.js';
import { findTeam } from '../../trackers/linear/client.js';
import { asTrackerError } from '../../trackers/record.js';
import type { Transport } from '../../trackers/transport.js';

export interface CheckOutcome {
  integration: Tracker;
  /** Lines that passed, in order. */
  passed: string[];
  /** The step that failed and why. */
  failedStep?: string;
  error?: TrackerError;
}

type Step = { name: string; run: () => Promise<string> };

async function runSteps(integration: Tracker, steps: Step[]): Promise<CheckOutcome> {
  const out: CheckOutcome = { integration, passed: [] };
  for (const step of steps) {
    try {
      out.passed.push(await step.run());
    } catch (error) {
      out.failedStep = step.name;
      out.error = asTrackerError(integration, error);
      return out;
    }
  }
  return out;
}

const fail = (integration: Tracker, kind: 'not-found' | 'permission' | 'invalid-config', message: string) => new TrackerError({ kind, integration, message, statusText: kind === 'not-found' ? '404 Not Found' : kind === 'permission' ? '403 Forbidden' : '410 Gone' });

function jira(config: Config, t: Transport): Step[] {
  const key = config.jira.projectKey;
  return [
    { name: 'JIRA connection', run: async () => (await t.request({ method: 'GET', path: '/rest/api/3/myself', action: 'who am I' }), 'JIRA connection successful') },
    {
      name: `Project ${key}`,
      run: async () => {
        const r = await t.request({ method: 'GET', path: `/rest/api/3/project/${encodeURIComponent(key)}`, accept: [404], action: `project ${key}` });
        if (r.status === 404) throw fail('jira', 'not-found', `Project ${key} not found or not visible to ${config.jira.email}`);
        return `Project ${key} accessible`;
      },
    },
    {
      name: 'Create permission',
      run: async () => {
        const r = await t.request<{ permissions?: Record<string, { havePermission?: boolean }> }>({ method: 'GET', path: '/rest/api/3/mypermissions', query: { projectKey: key, permissions: 'CREATE_ISSUES' }, action: 'create permission' });
        if (!r.body?.permissions?.CREATE_ISSUES?.havePermission) throw fail('jira', 'permission', `User lacks the Create Issues permission in project ${key}`);
        return 'User can create issues';
      },
    },
  ];
}

function confluence(config: Config, t: Transport): Step[] {
  const key = config.confluence.space;
  const root = config.confluence.rootPageId;
  let spaceId = '';
  let spaceFound = false;
  return [
    {
      name: 'Confluence connection',
      run: async () => {
        const r = await t.request<{ results?: Array<{ id: string; key: string }> }>({ method: 'GET', path: '/api/v2/spaces', query: { keys: key }, action: `space ${key}` });
        const space = r.body?.results?.find((s) => s.key === key);
        spaceFound = Boolean(space);
        spaceId = space?.id ?? '';
        return 'Confluence connection successful';
      },
    },
    {
      name: `Space ${key}`,
      run: async () => {
        if (!spaceFound) throw fail('confluence', 'not-found', `Confluence space '${key}' not found; check SPEC_CONFLUENCE_SPACE`);
        return `Space ${key} accessible`;
      },
    },
    {
      name: 'Add-page permission',
      run: async () => {
        const r = await t.request<{ operations?: Array<{ operation?: string; targetType?: string }> }>({ method: 'GET', path: `/api/v2/spaces/${encodeURIComponent(spaceId)}/operations`, action: `permissions in ${key}` });
        if (!r.body?.operations?.some((o) => o.operation === 'create' && o.targetType === 'page')) throw fail('confluence', 'permission', `User lacks 'Add Page' permission in space '${key}'`);
        return `User can add pages in ${key}`;
      },
    },
    {
      name: `Root page ${root}`,
      run: async () => {
        const r = await t.request<{ spaceId?: string; title?: string }>({ method: 'GET', path: `/api/v2/pages/${encodeURIComponent(root)}`, accept: [404], action: `root page ${root}` });
        if (r.status === 404) throw fail('confluence', 'not-found', `SPEC_CONFLUENCE_ROOT_PAGE_ID=${root} not found; check that the page exists and is accessible`);
        if (r.body?.spaceId && r.body.spaceId !== spaceId) throw fail('confluence', 'invalid-config', `Root page ${root} is not in space ${key}`);
        return `Root page ${root} exists${r.body?.title ? ` ("${r.body.title}")` : ''}`;
      },
    },
  ];
}

function linear(config: Config, t: Transport): Step[] {
  const team = config.linear.teamId;
  return [
    { name: 'Linear connection', run: async () => (await t.graphql('query SpecViewer { viewer { id name } }', {}, { action: 'viewer' }), 'Linear connection successful') },
    {
      name: `Team ${team}`,
      run: async () => `Team ${(await findTeam(t, team)).key} accessible`,
    },
  ];
}

function github(config: Config, t: Transport): Step[] {
  const full = `${config.github.owner}/${config.github.repo}`;
  let repo: { has_issues?: boolean; permissions?: { push?: boolean } } | undefined;
  return [
    { name: 'GitHub connection', run: async () => (await t.request({ method: 'GET', path: '/user', action: 'who am I' }), 'GitHub connection successful') },
    {
      name: `Repository ${full}`,
      run: async () => {
        const r = await t.request<typeof repo>({ method: 'GET', path: `/repos/${encodeURIComponent(config.github.owner)}/${encodeURIComponent(config.github.repo)}`, accept: [404], action: `repository ${full}` });
        if (r.status === 404) throw fail('github', 'not-found', `Repository ${full} not found or not visible to this token`);
        repo = r.body;
        return `Repository ${full} accessible`;
      },
    },
    {
      name: 'Issues enabled',
      run: async () => {
        if (repo?.has_issues === false) throw fail('github', 'invalid-config', `Issues are disabled in ${full}; enable them in the repository settings`);
        return 'Issues enabled';
      },
    },
    {
      name: 'Write access',
      run: async () => {
        if (!repo?.permissions?.push) throw fail('github', 'permission', `Token cannot write to ${full} (labels and milestones need push access)`);
        return 'User can create issues';
      },
    },
  ];
}

export async function checkIntegration(config: Config, integration: Tracker, transport: Transport): Promise<CheckOutcome> {
  const steps = { jira, confluence, linear, github }[integration](config, transport);
  return runSteps(integration, steps);
}

export const connectionStep = (integration: Tracker) => `${TRACKER_NAMES[integration]} connection`;
