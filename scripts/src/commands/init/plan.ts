// What `init` would change, computed without writing (pure over the current file contents).
export const GITIGNORE_ENTRY = '.spec-state/';

export const CLAUDE_MD_BLOCK = `
## Spec workflow integrations (all optional)
# The /spec workflow works locally without any of these. Uncomment what you use.
# Secrets (*_TOKEN, *_API_KEY) belong in environment variables, not in this committed file.
# SPEC_ATLASSIAN_SYNC=enabled
# SPEC_ATLASSIAN_URL=https://your-domain.atlassian.net
# SPEC_ATLASSIAN_EMAIL=you@example.com
# SPEC_JIRA_PROJECT_KEY=PROJ
# SPEC_CONFLUENCE_SPACE=DEV
# SPEC_CONFLUENCE_ROOT_PAGE_ID=123456
# SPEC_LINEAR_SYNC=enabled
# SPEC_LINEAR_TEAM_ID=ENG
# SPEC_GITHUB_SYNC=enabled
# SPEC_GITHUB_OWNER=myorg
# SPEC_GITHUB_REPO=myrepo
# SPEC_SYNC_MODE=manual
`;

export function gitignoreWithEntry(current: string | undefined): string | undefined {
  const lines = (current ?? '').split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => l === GITIGNORE_ENTRY || l === '.spec-state' || l === '/.spec-state/' || l === '/.spec-state')) return undefined;
  const base = current ?? '';
  return `${base}${base && !base.endsWith('\n') ? '\n' : ''}${GITIGNORE_ENTRY}\n`;
}

export function claudeMdWithBlock(current: string | undefined): string | undefined {
  if (current !== undefined && current.includes('SPEC_')) return undefined;
  const base = current ?? '# Project instructions\n';
  return `${base}${base.endsWith('\n') ? '' : '\n'}${CLAUDE_MD_BLOCK}`;
}
