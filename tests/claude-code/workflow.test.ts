// The workflow inside the real client: /spec:init, then /spec:generate with an awkward title, each
// helper call copied from the command text the client expanded, run under the command's own
// allowed-tools (no --allowedTools), with the hooks keeping the session and progress files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { clients, install, pluginTree, project, session, type Installed } from './client.js';
import { bash, block, call, commandText, featureFrom, fill, script } from './derive.js';

const TITLE = `Say "hello" to O'Brien's C:\\temp\\new folder`;

describe.concurrent.each(clients())('workflow on the $name client ($version)', (client) => {
  let inst: Installed;
  beforeAll(async () => {
    inst = await install(client, await pluginTree());
  });

  it('/spec:init then /spec:generate "<title with quotes and a backslash>": branch, valid spec.md, hooks keep session and progress', async () => {
    const cwd = await project();
    const init = await session(inst, {
      cwd,
      prompt: '/spec:init',
      turn: script((req) => bash(call(commandText(req, 'spec:init'), 'init'))),
    });
    expect(init.model.errors).toEqual([]);
    const initCall = init.model.turns().at(-1)?.lastResult();
    expect(initCall?.isError).toBe(false);
    expect(initCall?.result).toMatch(/✓/);
    expect(existsSync(join(cwd, '.spec-state'))).toBe(true);

    let feature = '';
    const progress: string[] = [];
    const gen = await session(inst, {
      cwd,
      prompt: `/spec:generate ${TITLE}`,
      turn: script(
        (req) => {
          const text = commandText(req, 'spec:generate');
          expect(text).toContain(`Arguments: \`${TITLE}\``);
          return bash(fill(block(text, 'new'), { title: TITLE }));
        },
        (req) => {
          feature = featureFrom(req.lastResult()?.result ?? '');
          progress.push(readFileSync(join(cwd, '.spec-memory/WORKFLOW-PROGRESS.md'), 'utf8'));
          const file = (req.lastResult()?.result.match(/features\/\S+\/spec\.md/) ?? [])[0] as string;
          return { tool: 'Read', input: { file_path: join(cwd, file) } };
        },
        (req) => {
          const spec = req.lastResult()?.result ?? '';
          expect(spec).toContain('title:');
          const path = join(cwd, `features/${dirOf(cwd, feature)}/spec.md`);
          return { tool: 'Write', input: { file_path: path, content: writtenSpec(readFileSync(path, 'utf8')) } };
        },
        (req) => {
          progress.push(readFileSync(join(cwd, '.spec-memory/WORKFLOW-PROGRESS.md'), 'utf8'));
          return bash(fill(call(commandText(req, 'spec:generate'), 'validate --feature=<N>'), { feature }));
        },
      ),
    });
    expect(gen.model.errors).toEqual([]);
    expect(gen.exitCode).toBe(0);
    const calls = gen.model.turns().at(-1)?.calls() ?? [];
    expect(calls.map((c) => [c.name, c.isError])).toEqual([
      ['Bash', false],
      ['Read', false],
      ['Write', false],
      ['Bash', false],
    ]);
    expect(gen.json.permission_denials ?? []).toEqual([]);
    const dir = dirOf(cwd, feature);
    const spec = readFileSync(join(cwd, 'features', dir, 'spec.md'), 'utf8');
    expect(spec).toContain('title: ');
    const { stdout: branch } = await execa('git', ['branch', '--show-current'], { cwd });
    // The branch the helper switched to is the one spec.md records.
    expect(spec).toMatch(new RegExp(`^branch: "?${branch}"?$`, 'm'));
    expect(branch).toContain(dir);
    // The validate call ran on the written spec and passed.
    expect(calls.at(-1)?.result).not.toMatch(/✗/);
    // PostToolUse (after Write) and Stop (end of turn) kept the session and progress.
    const sessionFile = readFileSync(join(cwd, '.spec-state/current-session.md'), 'utf8');
    expect(sessionFile).toContain(dir);
    // The Stop hook recorded this session's id; the client's own id for it is in its JSON result.
    expect(sessionFile).toContain(`session_id: ${gen.json.session_id}`);
    // The template carries no [CLARIFY] marker (only its guidance comment names one), so the phase is
    // Specification from the start, before and after PostToolUse re-reads the written spec.
    expect(progress[0]).toContain('| Specification |');
    expect(progress[1]).toContain('| Specification |');
  });
});

function dirOf(cwd: string, feature: string): string {
  const d = readdirSync(join(cwd, 'features')).find((n) => n.startsWith(`${feature}-`));
  if (!d) throw new Error(`no features/${feature}-*`);
  return d;
}

/** What a model writes into the rendered template: its frontmatter kept, one story with criteria. */
function writtenSpec(template: string): string {
  const fm = /^---\n[\s\S]*?\n---\n/.exec(template)?.[0] ?? '';
  return `${fm}
# Greeting

## User Stories

### US1 [P1] As a visitor, I want a greeting, so that I feel welcome

- AC1.1 Given a visitor, when they open the page, then they see "hello".
`;
}
