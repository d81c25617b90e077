// `spec test-integration --github`: reach GitHub, see the repository, issues are on, the token may write.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { GithubClient, type RepoView } from './client.js';

export const githubChecks: StepsFactory = (config, options) => {
  const github = new GithubClient(config, options);
  const full = `${config.github.owner}/${config.github.repo}`;
  let repo: RepoView | undefined;
  return [
    { name: connectionStep('github'), run: async () => (await github.user(), 'GitHub connection successful') },
    {
      name: `Repository ${full}`,
      run: async () => {
        repo = await github.repository();
        if (!repo) throw checkFailure('github', 'not-found', `Repository ${full} not found or not visible to this token`);
        return `Repository ${full} accessible`;
      },
    },
    {
      name: 'Issues enabled',
      run: async () => {
        if (repo?.has_issues === false) throw checkFailure('github', 'invalid-config', `Issues are disabled in ${full}; enable them in the repository settings`);
        return 'Issues enabled';
      },
    },
    {
      name: 'Write access',
      run: async () => {
        if (!repo?.permissions?.push) throw checkFailure('github', 'permission', `Token cannot write to ${full} (labels and milestones need push access)`);
        return 'User can create issues';
      },
    },
  ];
};
