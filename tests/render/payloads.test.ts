import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../scripts/src/config/load.js';
import { buildConfluencePage } from '../../scripts/src/trackers/confluence/payload.js';
import { buildGithubIssues } from '../../scripts/src/trackers/github/payload.js';
import { buildJiraIssue, parseJiraTemplate } from '../../scripts/src/trackers/jira/payload.js';
import { buildLinearIssue, buildLinearTaskIssues } from '../../scripts/src/trackers/linear/payload.js';
import { snapshot } from '../../scripts/src/workspace/documents.js';
import { listFeatures } from '../../scripts/src/workspace/features.js';
import { tempDir } from '../helpers/project.js';
import { writeFeature } from '../sync-engine/fixture.js';

function snap(spec?: string) {
  const root = tempDir();
  writeFeature(root, 3, 'user-auth', spec ? { spec } : {});
  return { root, snap: snapshot(listFeatures(root)[0]!) };
}

describe('JIRA story payload', () => {
  it('takes summary, ADF description, priority, labels and epic from the spec', () => {
    const { snap: s } = snap();
    const { payload, warnings } = buildJiraIssue(s, { projectKey: 'PROJ', customFields: {} });
    expect(warnings).toEqual([]);
    expect(payload.fields.summary).toBe('User Auth');
    expect(payload.fields.project).toEqual({ key: 'PROJ' });
    expect(payload.fields.issuetype).toEqual({ name: 'Story' });
    expect(payload.fields.priority).toEqual({ name: 'High' });
    expect(payload.fields.labels).toEqual(['spec', 'spec-003-user-auth']);
    expect(payload.fields.parent).toEqual({ key: 'PROJ-1' });
    expect(payload.fields.description.type).toBe('doc');
  });

  it('applies the template: issue type, fixed priority, labels, custom fields by name or id, and its body', () => {
    const { snap: s } = snap();
    const t = parseJiraTemplate(
      '---\nfields:\n  issuetype: Task\n  priority: Highest\n  labels: [spec, backend]\n  customFields:\n    SPRINT: 42\n    customfield_10016: 3\n    team: ""\n    unknown_name: x\n---\n## Stories\n\n{{stories}}\n\nBranch {{branch}}\n',
      'jira-story-template.md',
    );
    expect(t.warnings).toEqual([]);
    const { payload, warnings } = buildJiraIssue(s, { projectKey: 'PROJ', customFields: { sprint: 'customfield_10020' }, template: t.fields, branch: 'feature/003-user-auth', epic: 'PROJ-9' });
    expect(payload.fields.issuetype).toEqual({ name: 'Task' });
    expect(payload.fields.priority).toEqual({ name: 'Highest' });
    expect(payload.fields.labels).toEqual(['spec', 'spec-003-user-auth', 'backend']);
    expect(payload.fields.customfield_10020).toBe(42);
    expect(payload.fields.customfield_10016).toBe(3);
    expect(warnings.join('\n')).toContain('SPEC_JIRA_CUSTOM_FIELD_UNKNOWN_NAME');
    // spec.md's jira_epic wins over the configured default.
    expect(payload.fields.parent).toEqual({ key: 'PROJ-1' });
    const text = JSON.stringify(payload.fields.description);
    expect(text).toContain('US1');
    expect(text).toContain('feature/003-user-auth');
    // Config issue type wins over the template's.
    expect(buildJiraIssue(s, { projectKey: 'P', customFields: {}, template: t.fields, issueType: 'Bug' }).payload.fields.issuetype).toEqual({ name: 'Bug' });
    expect(buildJiraIssue(s, { projectKey: 'P', customFields: {}, template: { priority: 'none' } }).payload.fields.priority).toBeUndefined();
  });

  it('tolerates a broken template with a warning', () => {
    const t = parseJiraTemplate('---\nfields: [1\n---\nbody\n', 'x.md');
    expect(t.warnings[0]).toContain('x.md: invalid YAML');
    expect(t.fields.body).toBe('body\n');
  });
});

describe('Confluence, Linear and GitHub payloads', () => {
  it('titles the plan page and renders storage format', () => {
    const { snap: s } = snap();
    const page = buildConfluencePage(s, 'plan.md', { space: 'ENG', rootPageId: '77' })!;
    expect(page.title).toBe('Feature 003: User Auth - Technical Plan');
    expect(page.parentId).toBe('77');
    expect(page.body.representation).toBe('storage');
    expect(page.body.value).toContain('<h1>Plan</h1>');
  });

  it('maps priorities to Linear numbers and builds task sub-issues', () => {
    const { snap: s } = snap();
    const id = '0b9e8f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
    const issue = buildLinearIssue(s, { teamId: 'team-1', labels: [id, 'backend'], projectId: 'p1', template: { labels: ['spec', 'backend'] } });
    // Ids pass through; names (configured or templated, once each) are resolved to ids by sync.
    expect(issue).toMatchObject({ title: 'User Auth', teamId: 'team-1', priority: 2, projectId: 'p1', labelIds: [id], labelNames: ['backend', 'spec'] });
    expect(issue.description).not.toContain('jira_epic');
    expect(buildLinearTaskIssues(s, { teamId: 't', labels: [] }).map((t) => t.payload.title)).toEqual(['T001: Build login form', 'T002: Wire API']);
  });

  it('builds one GitHub issue per task with criteria, dependencies and a hidden marker', () => {
    const { snap: s } = snap();
    const issues = buildGithubIssues(s, { milestones: true });
    expect(issues.map((i) => i.payload.title)).toEqual(['T001: Build login form', 'T002: Wire API']);
    const [t1, t2] = issues.map((i) => i.payload);
    expect(t1!.labels).toEqual(['spec', 'spec-003-user-auth', 'feature-003', 'P1']);
    expect(t1!.milestone).toBe('Feature 003: User Auth');
    expect(t1!.body).toContain('AC1.1 Given a password, I can log in');
    expect(t1!.body).toContain('<!-- spec:003-user-auth:T001 -->');
    expect(t2!.body).toContain('- T001 (#12)');
    expect(t2!.labels).toContain('P1'); // no task priority: the feature's
  });

  it('reads real config for the placeholders export uses', () => {
    const cfg = loadConfig(tempDir(), { SPEC_LINEAR_TEAM_ID: 'abc' });
    expect(cfg.linear.teamId).toBe('abc');
  });
});
