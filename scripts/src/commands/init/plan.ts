// What `init` would change, computed without writing (pure over the current file contents).
export const GITIGNORE_ENTRY = '.spec-state/';
// Derived from features/ and rewritten by every helper call: committed, two branches would both change it.
export const PROGRESS_ENTRY = '.spec-memory/WORKFLOW-PROGRESS.md';
// Appended records merge by taking both sides (git's built-in union driver needs no configuration).
export const GITATTRIBUTES_LINE = '.spec-memory/DECISIONS-LOG.md merge=union';

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

function withLines(current: string | undefined, wanted: Array<{ line: string; present: (l: string) => boolean }>): string | undefined {
  const lines = (current ?? '').split(/\r?\n/).map((l) => l.trim());
  const missing = wanted.filter((w) => !lines.some(w.present)).map((w) => w.line);
  if (!missing.length) return undefined;
  const base = current ?? '';
  return `${base}${base && !base.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`;
}

const same = (entry: string) => (l: string) => l.replace(/^\//, '').replace(/\/$/, '') === entry.replace(/\/$/, '');

export function gitignoreWithEntry(current: string | undefined): string | undefined {
  return withLines(current, [
    { line: GITIGNORE_ENTRY, present: same(GITIGNORE_ENTRY) },
    { line: PROGRESS_ENTRY, present: (l) => same(PROGRESS_ENTRY)(l) || same('.spec-memory/')(l) },
  ]);
}

export function gitattributesWithUnion(current: string | undefined): string | undefined {
  return withLines(current, [{ line: GITATTRIBUTES_LINE, present: (l) => /^\/?\.spec-memory\/DECISIONS-LOG\.md\s.*\bmerge=/.test(l) }]);
}

/** What init tells the user it did to CLAUDE.md (a tracked file: they should know before committing). */
export function claudeMdChange(current: string | undefined): string {
  const lines = CLAUDE_MD_BLOCK.trim().split('\n').length;
  return current === undefined
    ? `Created CLAUDE.md with the integration settings block (${lines} comment lines; every integration off)`
    : `Updated CLAUDE.md: appended the integration settings block (${lines} comment lines at the end; every integration off, nothing else changed)`;
}

export function claudeMdWithBlock(current: string | undefined): string | undefined {
  if (current !== undefined && current.includes('SPEC_')) return undefined;
  const base = current ?? '# Project instructions\n';
  return `${base}${base.endsWith('\n') ? '' : '\n'}${CLAUDE_MD_BLOCK}`;
}
