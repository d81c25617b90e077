// `spec test-integration --jira`: reach JIRA, see the project, may create issues in it.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { JiraClient } from './client.js';

export const jiraChecks: StepsFactory = (config, options) => {
  const jira = new JiraClient(config, options);
  const key = config.jira.projectKey;
  const viaGateway = config.jira.apiUrl !== config.jira.url;
  return [
    {
      // First, and never failing: a scoped token's 401 on the site is fixed with exactly this id.
      name: 'Cloud id',
      run: async () => {
        const id = await jira.cloudId().catch(() => undefined);
        if (!id) return 'Cloud id: not published by this site (only Atlassian Cloud sites have one)';
        return `Cloud id ${id} (${viaGateway ? 'API calls go through the gateway' : 'for a scoped API token, set SPEC_ATLASSIAN_CLOUD_ID to it'})`;
      },
    },
    { name: connectionStep('jira'), run: async () => (await jira.myself(), 'JIRA connection successful') },
    {
      name: `Project ${key}`,
      run: async () => {
        if (!(await jira.projectVisible(key))) throw checkFailure('jira', 'not-found', `Project ${key} not found or not visible to ${config.jira.email}`);
        return `Project ${key} accessible`;
      },
    },
    {
      name: 'Create permission',
      run: async () => {
        if (!(await jira.canCreateIssues(key))) throw checkFailure('jira', 'permission', `User lacks the Create Issues permission in project ${key}`);
        return 'User can create issues';
      },
    },
  ];
};
