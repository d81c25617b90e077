// `--from=<ref>` parsing: every accepted form, the project/team/repo guard, and the ambiguity error.
import { describe, expect, it } from 'vitest';
import { parseFromRef, type RefContext } from '../../scripts/src/workspace/from-ref.js';

const ctx: RefContext = { jiraProjectKey: 'PROJ', atlassianUrl: 'https://acme.atlassian.net', linearTeamKey: 'ENG', github: { owner: 'acme', repo: 'app' } };
const ok = (input: string, c: RefContext = ctx) => {
  const r = parseFromRef(input, c);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
};
const error = (input: string, c: RefContext = ctx) => {
  const r = parseFromRef(input, c);
  if (r.ok) throw new Error(`accepted ${input}`);
  return r.error;
};

describe('--from=<ref>', () => {
  it.each([
    ['PROJ-123', { tracker: 'jira', key: 'PROJ-123' }],
    ['proj-7', { tracker: 'jira', key: 'PROJ-7' }],
    ['https://acme.atlassian.net/browse/PROJ-123', { tracker: 'jira', key: 'PROJ-123' }],
    ['https://acme.atlassian.net/jira/software/projects/PROJ/boards/1?selectedIssue=PROJ-9', { tracker: 'jira', key: 'PROJ-9' }],
    ['jira:PROJ-5', { tracker: 'jira', key: 'PROJ-5' }],
    ['ENG-12', { tracker: 'linear', identifier: 'ENG-12' }],
    ['https://linear.app/acme/issue/ENG-12/password-reset', { tracker: 'linear', identifier: 'ENG-12' }],
    ['#12', { tracker: 'github', owner: 'acme', repo: 'app', number: 12 }],
    ['acme/app#12', { tracker: 'github', owner: 'acme', repo: 'app', number: 12 }],
    ['https://github.com/acme/app/issues/12', { tracker: 'github', owner: 'acme', repo: 'app', number: 12 }],
    ['github:#4', { tracker: 'github', owner: 'acme', repo: 'app', number: 4 }],
  ])('%s', (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });

  it('refuses an item of another project, team, repository or site, naming the setting', () => {
    expect(error('https://acme.atlassian.net/browse/OTHER-1')).toBe('--from=https://acme.atlassian.net/browse/OTHER-1: OTHER-1 is in JIRA project OTHER, not in this project\'s PROJ (SPEC_JIRA_PROJECT_KEY)');
    expect(error('https://other.atlassian.net/browse/PROJ-1')).toContain('not on this project\'s site acme.atlassian.net (SPEC_ATLASSIAN_URL)');
    expect(error('https://linear.app/acme/issue/OPS-3/x')).toContain('belongs to Linear team OPS, not to this project\'s team ENG');
    expect(error('someone/else#3')).toContain('is in someone/else, not in this project\'s repository acme/app');
    expect(error('https://github.com/acme/app/pull/3')).toContain('a pull request, not an issue');
  });

  it('resolves a bare key against both trackers and reports an ambiguity listing both', () => {
    const both: RefContext = { ...ctx, linearTeamKey: 'PROJ' };
    expect(error('PROJ-3', both)).toBe('--from=PROJ-3: ambiguous: both JIRA project PROJ and Linear team PROJ could hold it; say which with --from=jira:PROJ-3 or --from=linear:PROJ-3');
    expect(ok('jira:PROJ-3', both)).toEqual({ tracker: 'jira', key: 'PROJ-3' });
    expect(ok('linear:PROJ-3', both)).toEqual({ tracker: 'linear', identifier: 'PROJ-3' });
    expect(error('ABC-12')).toBe('--from=ABC-12: ABC is not this project\'s JIRA project PROJ or Linear team ENG');
  });

  it('says what is missing when the tracker is not configured, and what a ref looks like when it is garbage', () => {
    expect(error('PROJ-1', {})).toContain('neither JIRA nor Linear is configured');
    expect(error('#1', { jiraProjectKey: 'PROJ' })).toContain('GitHub is not configured');
    expect(error('hello world')).toContain('not a JIRA key (PROJ-123), Linear identifier (ENG-12), GitHub issue (#12, owner/repo#12) or a link to one');
    expect(error('')).toContain('--from needs a value');
    expect(error('ftp://acme.atlassian.net/browse/PROJ-1')).toContain('only http(s) links');
  });
});
