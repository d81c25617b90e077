// `spec test-integration --github`: reach GitHub, see the repository, issues are on, the token may write.
import { checkFailure, connectionStep, type StepsFactory } from '../check-steps.js';
import { GithubClient, type RepoView } from './client.js';

/** The label every synced issue carries; writing it is the harmless proof of write access. */
const SPEC_LABEL = { name: 'spec', color: '5319e7', description: 'Created from a spec feature (spec sync)' };

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
        // permissions.push is the user's role; a fine-grained token may still lack Issues: write.
        const w = await github.proveWrite(SPEC_LABEL.name, SPEC_LABEL.color, SPEC_LABEL.description);
        if (!w.ok) {
          const needs = w.accepted ? `; the endpoint needs ${w.accepted} (X-Accepted-GitHub-Permissions): give the token Issues "Read and write" on ${full}` : '';
          throw checkFailure('github', 'permission', `Token cannot write to ${full}: GitHub answered ${w.status} "${w.message}"${needs}`);
        }
        return 'User can create issues (the spec label is writable)';
      },
    },
  ];
};
