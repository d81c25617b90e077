// `spec test-integration --jira`: reach JIRA, see the project, may create issues in it.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { JiraClient } from './client.js';

export const jiraChecks: StepsFactory = (config, options) => {
  const jira = new JiraClient(config, options);
  const key = config.jira.projectKey;
  return [
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
