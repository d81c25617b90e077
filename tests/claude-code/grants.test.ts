// Every slash command's helper calls run under that command's own allowed-tools, with no
// --allowedTools on the command line; a chained or substituted command is never let through.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { clients, install, pluginTree, project, REPO, session, toolCalls, type Installed } from './client.js';
import { bash, call, commandText, fill, helperCalls, rest, script } from './derive.js';
import type { Req } from './model-server.js';

const COMMANDS = readdirSync(join(REPO, 'commands')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();

/** A spec project with feature 001, made with the helper directly (not under test here). */
async function specProject(tree: string): Promise<string> {
  const cwd = await project();
  const helper = join(tree, 'scripts/spec.mjs');
  await execa('node', [helper, 'init'], { cwd });
  await execa('node', [helper, 'new', 'Export report'], { cwd });
  return cwd;
}

/** The first call of each helper subcommand: the grant is a prefix rule, so one call per subcommand
 *  proves it for that form of the text without running every example twice. */
function onePerSubcommand(calls: string[]): string[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const sub = rest(c).split(' ')[0] as string;
    if (seen.has(sub)) return false;
    seen.add(sub);
    return true;
  });
}

describe.concurrent.each(clients())('grants on the $name client ($version)', (client) => {
  let inst: Installed;
  let tree: string;
  beforeAll(async () => {
    tree = await pluginTree();
    inst = await install(client, tree);
  });

  it('every /spec command runs each helper call in its text under its own allowed-tools (no --allowedTools)', { timeout: 240_000 }, async () => {
    const cwd = await specProject(tree);
    const planned = new Map<string, string[]>();
    const r = await session(inst, {
      cwd,
      prompt: COMMANDS.map((name) => (name === 'generate' ? '/spec:generate Second feature' : `/spec:${name}`)),
      turn: (req) => {
        const name = /<command-name>\/spec:([a-z-]+)<\/command-name>/.exec(req.promptTexts().join('\n'))?.[1] ?? '';
        if (!planned.has(name)) planned.set(name, onePerSubcommand(helperCalls(commandText(req, `spec:${name}`))).map((c) => fill(c, { feature: '001', title: 'Second feature' })));
        const next = planned.get(name)?.[req.calls().length];
        return next ? bash(next) : { text: 'Done.' };
      },
    });
    expect(r.model.errors).toEqual([]);
    expect([...planned.keys()].sort()).toEqual(COMMANDS);
    for (const [name, calls] of planned) expect(calls.length, name).toBeGreaterThan(0);
    const denied = r.results.flatMap((x) => x.permission_denials ?? []).map((d) => String(d.tool_input.command));
    expect(denied).toEqual([]);
    // Each call ran: its result is the helper's output, not a permission message.
    const ran = toolCalls(r);
    expect(ran.map((c) => c.input.command)).toEqual(COMMANDS.flatMap((n) => planned.get(n) ?? []));
    for (const c of ran) expect(c?.result, String(c?.input.command)).not.toMatch(/haven't granted|requires approval|was blocked/i);
  });

  it('a chained, piped or substituted command, or the unexpanded placeholder, is denied inside a command', async () => {
    const cwd = await specProject(tree);
    const mark = (n: string) => join(cwd, `ran-${n}`);
    const attempts = (c: string) => [
      `${c} && touch ${mark('and')}`,
      `${c}; touch ${mark('semicolon')}`,
      `${c} || touch ${mark('or')}`,
      `${c} $(touch ${mark('substitution')})`,
      `${c} \`touch ${mark('backtick')}\``,
      `${c} > ${mark('redirect')}`,
      `${c}\ntouch ${mark('newline')}`,
      `node "\${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs" status; touch ${mark('literal')}`,
      `node \${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs status`,
    ];
    let tries: string[] = [];
    const r = await session(inst, {
      cwd,
      prompt: '/spec:status',
      turn: script(
        ...Array.from({ length: 9 }, (_, i) => (req: Req) => {
          if (!tries.length) tries = attempts(call(commandText(req, 'spec:status'), 'status'));
          return bash(tries[i] as string);
        }),
      ),
    });
    expect(r.model.errors).toEqual([]);
    expect(toolCalls(r).map((c) => c.input.command)).toEqual(tries);
    for (const n of ['and', 'semicolon', 'or', 'substitution', 'backtick', 'redirect', 'newline', 'literal']) expect(existsSync(mark(n)), n).toBe(false);
    const denied = (r.json.permission_denials ?? []).map((d) => d.tool_input.command);
    expect(denied).toEqual(tries);
  });
});
