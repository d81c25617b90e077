// Every template renders: `spec new` renders spec.md; plan.md and tasks.md rendered with the same values
// sit beside it and the feature validates; the sample content satisfies the coverage rule; the tracker
// templates parse and use only documented placeholders.
import matter from 'gray-matter';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_PAGE } from '../../scripts/src/trackers/confluence/payload.js';
import { DEFAULT_TASK_BODY } from '../../scripts/src/trackers/render/issue-body.js';
import { DEFAULT_LINEAR_BODY } from '../../scripts/src/trackers/linear/payload.js';
import { parseStories } from '../../scripts/src/workspace/stories.js';
import { parseTasks } from '../../scripts/src/workspace/tasks.js';
import { makeProject, REPO } from '../helpers/project.js';

const TEMPLATES = join(REPO, 'workflow', 'templates');
const read = (name: string) => readFileSync(join(TEMPLATES, name), 'utf8');
const render = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (all, key: string) => values[key] ?? all);

/** The coverage rule `spec validate` applies: a story USn needs a task tagged [USn]; a criterion ACn.m
 *  needs a task naming it, or a [USn] task that names no AC id at all. */
function uncovered(specBody: string, tasksBody: string): string[] {
  const stories = parseStories(specBody);
  const tasks = parseTasks(tasksBody);
  const gaps: string[] = [];
  for (const story of stories) {
    const mine = tasks.filter((t) => t.stories.includes(story.id));
    if (!mine.length) gaps.push(story.id);
    const coversAll = mine.some((t) => !/\bAC\d+\.\d+\b/.test(t.description));
    for (const ac of story.criteria) {
      if (!/^AC\d/.test(ac.id)) continue;
      const named = tasks.some((t) => new RegExp(`\\b${ac.id.replace('.', '\\.')}\\b`).test(t.description));
      if (!named && !coversAll) gaps.push(ac.id);
    }
  }
  return gaps;
}

describe('workflow templates', () => {
  it('spec new renders spec.md with every placeholder filled', async () => {
    const project = await makeProject({ git: true });
    const r = await project.spec(['new', 'Template check']);
    expect(r.code, r.stderr).toBe(0);
    const text = project.read('features/001-template-check/spec.md');
    expect(text).not.toMatch(/\{\{/);
    const { data, content } = matter(text);
    expect(data.title).toBe('Template check');
    expect(data.feature).toBe('001-template-check');
    expect(content).toContain('feature/001-template-check');
    expect(content).toMatch(/\[CLARIFY:/);
    const stories = parseStories(content);
    expect(stories.map((s) => `${s.id} ${s.priority}`)).toEqual(['US1 P1', 'US2 P2', 'US3 P3']);
    expect(stories[0]?.criteria.map((c) => c.id)).toEqual(['AC1.1', 'AC1.2']);
  });

  it('plan.md and tasks.md rendered beside it validate, and the samples satisfy coverage', async () => {
    const project = await makeProject({ git: true });
    expect((await project.spec(['new', 'Template check'])).code).toBe(0);
    const dir = 'features/001-template-check';
    const spec = matter(project.read(`${dir}/spec.md`));
    const values = {
      title: String(spec.data.title),
      id: '001',
      feature: String(spec.data.feature),
      date: String(spec.data.created instanceof Date ? spec.data.created.toISOString().slice(0, 10) : spec.data.created),
      branch: String(spec.data.branch),
    };
    for (const name of ['plan.md', 'tasks.md']) {
      const text = render(read(name), values);
      expect(text, name).not.toMatch(/\{\{/);
      expect(matter(text).data.title, name).toBe('Template check');
      project.write(`${dir}/${name}`, text);
    }
    const tasks = parseTasks(matter(project.read(`${dir}/tasks.md`)).content);
    expect(tasks.map((t) => t.id)).toEqual(['T001', 'T002', 'T003', 'T004', 'T005', 'T006', 'T007']);
    expect(tasks.every((t) => !t.done)).toBe(true);
    const ids = new Set(tasks.map((t) => t.id));
    for (const t of tasks) for (const d of t.dependsOn) expect(ids, `${t.id} depends on ${d}`).toContain(d);
    expect(tasks.find((t) => t.id === 'T005')).toMatchObject({ parallel: true, stories: ['US2'], priority: 'P2', files: ['src/example/second.ts'] });
    expect(uncovered(spec.content, matter(project.read(`${dir}/tasks.md`)).content)).toEqual([]);

    const v = await project.spec(['validate', '--feature=001']);
    expect(v.code, `${v.stdout}\n${v.stderr}`).toBe(0);
    const status = JSON.parse((await project.spec(['status', '--json'])).stdout);
    expect(status.feature.tasks).toMatchObject({ done: 0, total: 7 });
  });

  it('the coverage check used above finds a gap when a story loses its tasks', () => {
    const specBody = render(read('spec.md'), {});
    const tasksBody = read('tasks.md').replace(/\[US3\]/g, '').replace(/AC3\.1/g, 'the criterion');
    expect(uncovered(matter(specBody).content, tasksBody)).toEqual(['US3', 'AC3.1']);
  });

  it('a project copy in .spec/templates/ replaces the spec template', async () => {
    const project = await makeProject();
    project.write('.spec/templates/spec.md', '---\ntitle: "{{title}}"\n---\n# Ours: {{title}}\n\n### US1 [P1] Only story\n- AC1.1 Works\n');
    expect((await project.spec(['new', 'Override'])).code).toBe(0);
    expect(project.read('features/001-override/spec.md')).toContain('# Ours: Override');
  });
});

describe('tracker templates', () => {
  const dir = join(TEMPLATES, 'integrations');
  const PLACEHOLDERS = new Set([
    'title', 'id', 'feature', 'branch', 'date', 'summary', 'stories', 'acceptance_criteria', 'plan',
    'task_id', 'task_text', 'story', 'priority', 'files', 'depends_on', 'tags',
  ]);

  it('the four templates exist', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'confluence-page-template.md', 'github-issue-template.md', 'jira-story-template.md', 'linear-issue-template.md',
    ]);
  });

  it.each(readdirSync(dir))('%s parses and uses only documented placeholders', (name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    const { data, content } = matter(text);
    expect(Object.keys(data).length).toBeGreaterThan(0);
    expect(content.trim().length).toBeGreaterThan(20);
    for (const m of text.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) expect(PLACEHOLDERS, `${name}: {{${m[1]}}}`).toContain(m[1]);
  });

  it('the JIRA template declares the fields sent', () => {
    const { data } = matter(read('integrations/jira-story-template.md'));
    expect(data.fields).toEqual({ issuetype: 'Story', priority: 'from-spec', labels: ['spec'], customFields: {} });
  });

  it('the Confluence page title follows the naming rule', () => {
    const { data } = matter(read('integrations/confluence-page-template.md'));
    expect(render(data.page.title, { id: '003', title: 'User Auth' })).toBe('Feature 003: User Auth - Technical Plan');
  });

  it('the shipped GitHub and Linear templates are exactly the layouts spec uses without a template', () => {
    expect(matter(read('integrations/github-issue-template.md')).content.trim()).toBe(DEFAULT_TASK_BODY.trim());
    expect(matter(read('integrations/linear-issue-template.md')).content.trim()).toBe(DEFAULT_LINEAR_BODY.trim());
    expect(matter(read('integrations/confluence-page-template.md')).content.trim()).toBe(DEFAULT_PLAN_PAGE.trim());
  });

  it('GitHub and Linear templates name their titles', () => {
    expect(matter(read('integrations/github-issue-template.md')).data.issue.title).toBe('{{task_id}}: {{task_text}}');
    expect(matter(read('integrations/linear-issue-template.md')).data.issue.title).toBe('{{title}}');
  });
});
