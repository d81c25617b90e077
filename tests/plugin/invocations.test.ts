// Every helper call written in commands, agents, skills, guides, templates and hooks must be one the
// helper accepts: a typo in a command or flag name breaks a user's workflow silently otherwise.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/project.js';
import { checkInvocation, extractInvocations, invocationsIn, pluginFiles, readHelp, shellWords, type HelpTable } from './invocations.js';

const COMMANDS = [
  'init', 'generate', 'clarify', 'plan', 'tasks', 'implement', 'orchestrate',
  'sync', 'publish', 'export', 'validate', 'test-integration', 'status', 'audit',
];
const HELPER_RULES = [
  'Bash(node "${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs":*)',
];

let help: HelpTable;
beforeAll(async () => {
  help = await readHelp();
});

describe('helper invocations in the plugin surface', () => {
  it('reads the command table from the bundle', () => {
    expect([...help.keys()]).toEqual(expect.arrayContaining(['init', 'new', 'task', 'sync', 'publish', 'export', 'link', 'hook', 'sandbox']));
    expect(help.get('sync')?.get('pending')).toEqual({ type: 'boolean' });
    expect(help.get('link')?.get('jira')).toEqual({ type: 'string' });
  });

  it('finds calls in every kind of file', () => {
    const files = pluginFiles(REPO);
    const calls = invocationsIn(REPO, files);
    const byArea = new Set(calls.map((c) => c.file.split('/')[0]));
    // hooks/hooks.json uses the exec form (a list of arguments, no command line): tests/plugin/hooks.test.ts checks it.
    for (const area of ['commands', 'agents', 'skills', 'shared']) expect(byArea, area).toContain(area);
    expect(calls.length).toBeGreaterThan(80);
    // The recovery commands the guides promise are really written there.
    const guide = calls.filter((c) => c.file === 'shared/integration-error-handling.md').map((c) => c.argv.join(' '));
    for (const expected of [
      'test-integration --jira',
      'validate --config',
      'sync --feature=003',
      'sync --pending',
      'publish --confluence --feature=003 --update',
      'export plan --format=confluence',
    ]) expect(guide.some((g) => g.startsWith(expected)), expected).toBe(true);
    expect(guide.some((g) => g.startsWith('link --feature=003 --'))).toBe(true);
  });

  it('every call names a real command with accepted flags', () => {
    const calls = invocationsIn(REPO, pluginFiles(REPO));
    const problems = calls.flatMap((c) => checkInvocation(c, help));
    expect(problems).toEqual([]);
  });

  it('catches a misspelt flag, a wrong command, a switch given a value and a bad format', () => {
    const text = [
      'Run `spec sync --feture=003`.',
      '```bash',
      'spec synk --feature=003',
      'node "${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs" publish --confluence=yes --feature=3',
      'spec export plan --format=pdf',
      'spec task finish T001',
      '```',
    ].join('\n');
    const problems = extractInvocations('fake.md', text).flatMap((c) => checkInvocation(c, help));
    expect(problems.join('\n')).toMatch(/no flag --feture/);
    expect(problems.join('\n')).toMatch(/unknown command 'synk'/);
    expect(problems.join('\n')).toMatch(/--confluence is a switch/);
    expect(problems.join('\n')).toMatch(/--format=pdf/);
    expect(problems.join('\n')).toMatch(/'task' needs one of done\|undo/);
  });

  it('splits shell words with quotes and stops at redirections', () => {
    expect(shellWords(`new 'It'\\''s fine' --no-branch`)).toEqual(['new', "It's fine", '--no-branch']);
    expect(shellWords('export plan --format=confluence > plan.html')).toEqual(['export', 'plan', '--format=confluence']);
    expect(shellWords('decision "Use a queue" --body="a b"')).toEqual(['decision', 'Use a queue', '--body=a b']);
  });
});

describe('slash command files', () => {
  const dir = join(REPO, 'commands');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];

  it('provides exactly the /spec commands of the design', () => {
    expect(files.map((f) => f.replace(/\.md$/, '')).sort()).toEqual([...COMMANDS].sort());
  });

  it.each(COMMANDS)('%s: frontmatter, helper-only Bash permission, $ARGUMENTS, Next step, no npx', (name) => {
    const text = readFileSync(join(dir, `${name}.md`), 'utf8');
    const { data, content } = matter(text);
    expect(typeof data.description).toBe('string');
    expect(String(data.description).length).toBeGreaterThan(10);
    expect(typeof data['argument-hint']).toBe('string');
    const tools: string[] = Array.isArray(data['allowed-tools']) ? data['allowed-tools'] : String(data['allowed-tools']).split(/,\s*/);
    const bash = tools.filter((t) => t.startsWith('Bash'));
    expect(bash.sort()).toEqual([...HELPER_RULES].sort());
    expect(content).toContain('$ARGUMENTS');
    expect(content).toMatch(/^Next:/m);
    expect(content).toContain('node "${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs"');
    expect(content).not.toMatch(/\bnpx\s+[\w@]/);
    // A `!` shell line that exits non-zero aborts the whole slash command: none may be able to fail.
    const bangLines = content.split('\n').filter((l) => /^\s*!`|^```!/.test(l));
    for (const l of bangLines) expect(l, `${name}.md: ${l}`).toMatch(/\|\| true`?\s*$/);
  });

  it('every /spec:<name> mentioned anywhere is a real command', () => {
    const mentioned = new Set<string>();
    for (const f of pluginFiles(REPO)) {
      for (const m of readFileSync(join(REPO, f), 'utf8').matchAll(/\/spec:([a-z-]+)/g)) mentioned.add(m[1] as string);
    }
    expect([...mentioned].filter((n) => !COMMANDS.includes(n))).toEqual([]);
  });

  it('every plugin file a command, agent or skill points at exists', () => {
    const missing: string[] = [];
    for (const f of pluginFiles(REPO)) {
      for (const m of readFileSync(join(REPO, f), 'utf8').matchAll(/\$\{CLAUDE_PLUGIN_ROOT\}\/([\w./-]+\.(?:md|mjs|json))/g)) {
        if (!existsSync(join(REPO, m[1] as string))) missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('agents and skills', () => {
  it.each(['spec-implementer', 'spec-researcher', 'consistency-analyzer'])('agent %s has name, description and tools', (name) => {
    const { data, content } = matter(readFileSync(join(REPO, 'agents', `${name}.md`), 'utf8'));
    expect(data.name).toBe(name);
    expect(String(data.description).length).toBeGreaterThan(20);
    expect(String(data.tools)).toMatch(/Read/);
    expect(content.length).toBeGreaterThan(200);
  });

  it('the implementer marks tasks only through the helper', () => {
    const text = readFileSync(join(REPO, 'agents', 'spec-implementer.md'), 'utf8');
    expect(text).toContain('node "${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs" task done T003');
    expect(text).toMatch(/Never edit a checkbox/);
  });

  it('the consistency analyzer starts from validate --json', () => {
    const text = readFileSync(join(REPO, 'agents', 'consistency-analyzer.md'), 'utf8');
    expect(text).toMatch(/spec\.mjs" validate --feature=<N> --json/);
  });

  it('the workflow skill has a name and a description and points at the guides', () => {
    const { data, content } = matter(readFileSync(join(REPO, 'skills', 'spec-workflow', 'SKILL.md'), 'utf8'));
    expect(data.name).toBe('spec-workflow');
    expect(String(data.description).length).toBeGreaterThan(40);
    for (const guide of ['integration-error-handling.md', 'error-recovery.md', 'integration-patterns.md']) expect(content).toContain(guide);
  });
});
