// The plugin's hooks inside the real client: SessionStart context reaches the model in the first
// request (and nothing at all in an unrelated repository), validate-on-save problems reach the model
// with the Write result, and no state of the project makes a hook block or fail the session.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { clients, hookRuns, install, pluginTree, project, session, toolCalls, type Installed } from './client.js';
import { script } from './derive.js';

const WRITE = ['--allowedTools', 'Write,Edit'];

describe.concurrent.each(clients())('hooks on the $name client ($version)', (client) => {
  let inst: Installed;
  let helper: string;
  beforeAll(async () => {
    const tree = await pluginTree();
    helper = join(tree, 'scripts/spec.mjs');
    inst = await install(client, tree);
  });

  it.concurrent('SessionStart: the current feature reaches the model in the first request; an unrelated repository gets nothing', async () => {
    const cwd = await project();
    await execa('node', [helper, 'init'], { cwd });
    await execa('node', [helper, 'new', 'Export report'], { cwd });
    const other = await project({ files: { 'README.md': '# something else\n' } });
    const reply = script();
    const [spec, plain] = await Promise.all([session(inst, { cwd, prompt: 'hello', turn: reply }), session(inst, { cwd: other, prompt: 'hello', turn: reply })]);
    const first = spec.model.turns()[0];
    expect(first?.shown).toMatch(/Spec workflow: current feature 001-export-report "Export report", phase \w+/);
    expect(plain.model.requests.length).toBeGreaterThan(0);
    // The plugin's commands are listed as in any session, but no hook said anything.
    for (const r of plain.model.requests) expect(r.shown).not.toMatch(/Spec workflow|SessionStart hook/);
    for (const h of hookRuns(plain)) expect([h.exitCode, h.output]).toEqual([0, '']);
  });

  it.concurrent('validate-on-save: the problems of a saved tasks.md reach the model with the Write result', async () => {
    const cwd = await project({ files: { 'CLAUDE.md': '# Project\n\nSPEC_VALIDATE_ON_SAVE=true\n' } });
    await execa('node', [helper, 'init'], { cwd });
    await execa('node', [helper, 'new', 'Export report'], { cwd });
    const tasks = join(cwd, 'features/001-export-report/tasks.md');
    const r = await session(inst, {
      cwd,
      prompt: 'write the tasks',
      args: WRITE,
      turn: script(() => ({ tool: 'Write', input: { file_path: tasks, content: '# Tasks\n\n- [ ] T001 [US1] P1 Do it (a.ts) (depends on T009)\n' } })),
    });
    const after = r.model.turns().find((t) => t.lastResult()?.name === 'Write');
    expect(after?.lastResult()?.isError).toBe(false);
    // What the model reads after the Write: the helper's problem line, naming the file.
    expect(after?.shown).toMatch(/spec validate 001-export-report: \d+ problem\(s\): ✗ .*tasks\.md/);
    expect(after?.shown).toContain('T009');
  });

  it.concurrent.each([
    ['no git, no CLAUDE.md, .spec-state is a file, bad frontmatter, a non-UTF-8 tasks.md', false],
    ['a corrupt session file and a non-UTF-8 spec.md', true],
  ])('hooks never block: %s', async (_label, git) => {
    const cwd = await project({ git: git as boolean });
    const dir = join(cwd, 'features/001-broken');
    mkdirSync(dir, { recursive: true });
    if (git) {
      mkdirSync(join(cwd, '.spec-state'));
      writeFileSync(join(cwd, '.spec-state/current-session.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x3a, 0x5b, 0x0a]));
      writeFileSync(join(dir, 'spec.md'), Buffer.from([0x23, 0x20, 0xe9, 0xff, 0x0a]));
    } else {
      writeFileSync(join(cwd, '.spec-state'), 'not a directory\n');
      writeFileSync(join(dir, 'spec.md'), '---\ntitle: "unclosed\nfeature: [\n---\n# Broken\n');
      writeFileSync(join(dir, 'tasks.md'), Buffer.from([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xc3, 0x28, 0x0a]));
    }
    const r = await session(inst, {
      cwd,
      prompt: 'edit the feature',
      args: WRITE,
      turn: script(
        () => ({ tool: 'Write', input: { file_path: join(dir, 'notes.md'), content: 'notes\n' } }),
        () => ({ tool: 'Write', input: { file_path: join(dir, 'plan.md'), content: '---\ntitle: [\n---\n' } }),
      ),
    });
    expect(r.exitCode).toBe(0);
    expect(r.json.is_error).toBe(false);
    expect(r.json.result).toBe('Done.');
    expect(toolCalls(r).map((c) => [c.name, c.isError])).toEqual([
      ['Write', false],
      ['Write', false],
    ]);
    const runs = hookRuns(r);
    expect(runs.map((h) => h.event)).toContain('SessionStart');
    for (const h of runs) expect(h.exitCode, `${h.event}: ${h.output}`).toBe(0);
    // At most a message: nothing asks the client to block or stop.
    for (const h of runs) expect(h.output).not.toMatch(/"decision"\s*:\s*"block"|"continue"\s*:\s*false/);
  });
});
