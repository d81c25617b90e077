// Finds every call of the helper written in the plugin's markdown and JSON, and checks each one against
// the helper's own `--help` (the command exists, every flag exists, booleans take no value, strings do).
import { execa } from 'execa';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BUNDLE, cleanEnv } from '../helpers/project.js';

export interface Invocation {
  file: string;
  line: number;
  text: string;
  argv: string[];
}

const HELPER = /node\s+"?\$\{CLAUDE_PLUGIN_ROOT\}\/scripts\/spec\.mjs"?\s+([^`\n]*)/g;
const SHORT = /^spec\s+([a-z][a-z-]*\b.*)$/;

/** Splits a shell-like argument string; stops at an operator (>, |, ;, &&) or a comment. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (has || cur) words.push(cur);
      cur = '';
      has = false;
      continue;
    }
    if (c === '>' || c === '|' || c === ';' || c === '&' || (c === '#' && !cur && !has)) break;
    cur += c;
  }
  if (has || cur) words.push(cur);
  return words;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** Every helper call in one file's text: full `node "${CLAUDE_PLUGIN_ROOT}/scripts/spec.mjs" …` forms,
 *  `spec …` in inline code, and `spec …` lines inside fenced code blocks. */
export function extractInvocations(file: string, text: string): Invocation[] {
  const found: Invocation[] = [];
  const add = (index: number, args: string) => {
    const trimmed = args.replace(/\\"/g, '"').trim();
    found.push({ file, line: lineOf(text, index), text: trimmed, argv: shellWords(trimmed) });
  };
  for (const m of text.matchAll(HELPER)) add(m.index ?? 0, m[1] ?? '');
  // Inline code spans: `spec sync --feature=003`.
  for (const m of text.matchAll(/`([^`\n]+)`/g)) {
    const s = SHORT.exec((m[1] ?? '').trim());
    if (s) add(m.index ?? 0, s[1] ?? '');
  }
  // Fenced blocks: lines that start with `spec `.
  let offset = 0;
  let inFence = false;
  for (const raw of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) inFence = !inFence;
    else if (inFence) {
      const s = SHORT.exec(raw.trim());
      if (s) add(offset, s[1] ?? '');
    }
    offset += raw.length + 1;
  }
  return found;
}

export interface FlagInfo {
  type: 'boolean' | 'string';
}
export type HelpTable = Map<string, Map<string, FlagInfo>>;

/** The helper's commands and their flags, read from `spec --help` and `spec <command> --help`. */
export async function readHelp(): Promise<HelpTable> {
  const run = (args: string[]) => execa('node', [BUNDLE, ...args], { env: cleanEnv(), extendEnv: false, reject: false });
  const main = await run(['--help']);
  const section = main.stdout.split('Commands:')[1]?.split('\n\n')[0] ?? '';
  const names = section.split('\n').map((l) => /^\s+([a-z][a-z-]*)\s/.exec(l)?.[1]).filter((n): n is string => !!n);
  const table: HelpTable = new Map();
  await Promise.all(
    names.map(async (name) => {
      const r = await run([name, '--help']);
      const flags = new Map<string, FlagInfo>();
      for (const m of r.stdout.matchAll(/^\s+--([a-z][a-z-]*)(=<value>)?\s/gm)) flags.set(m[1] as string, { type: m[2] ? 'string' : 'boolean' });
      table.set(name, flags);
    }),
  );
  return table;
}

const POSITIONAL_CHOICES: Record<string, string[]> = {
  task: ['done', 'undo'],
  export: ['spec', 'plan', 'tasks'],
  hook: ['session-start', 'post-tool-use', 'stop'],
};
const VALUE_CHOICES: Record<string, string[]> = {
  format: ['confluence', 'adf', 'jira', 'github-issues', 'linear'],
  only: ['jira', 'confluence', 'linear', 'github'],
};

/** Problems of one invocation; empty when the helper would accept it. */
export function checkInvocation(inv: Invocation, help: HelpTable): string[] {
  const where = `${inv.file}:${inv.line} \`${inv.text}\``;
  const [name, ...rest] = inv.argv;
  if (!name) return [`${where}: no command`];
  const flags = help.get(name);
  if (!flags) return [`${where}: unknown command '${name}'`];
  const problems: string[] = [];
  const choices = POSITIONAL_CHOICES[name];
  const first = rest.find((a) => !a.startsWith('-'));
  if (choices && !(first && (choices.includes(first) || /^<.*>$/.test(first)))) {
    problems.push(`${where}: '${name}' needs one of ${choices.join('|')} first`);
  }
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = flags.get(flag);
    if (!spec) {
      problems.push(`${where}: '${name}' has no flag --${flag}`);
      continue;
    }
    const value = eq === -1 ? undefined : arg.slice(eq + 1);
    if (spec.type === 'boolean' && value !== undefined) problems.push(`${where}: --${flag} is a switch and takes no value`);
    if (spec.type === 'string' && value === undefined) {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) problems.push(`${where}: --${flag} needs a value`);
    }
    const allowed = VALUE_CHOICES[flag];
    if (allowed && value !== undefined && !/[<…]/.test(value)) {
      for (const v of value.split(/[,|]/)) if (!allowed.includes(v)) problems.push(`${where}: --${flag}=${v} is not one of ${allowed.join(', ')}`);
    }
  }
  return problems;
}

/** Files of the plugin surface that may contain helper calls. */
export function pluginFiles(repo: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(md|json)$/.test(e)) out.push(relative(repo, p));
    }
  };
  for (const d of ['commands', 'agents', 'skills', 'shared', 'hooks', 'workflow/templates']) walk(join(repo, d));
  return out.sort();
}

function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** A mention of the helper in prose (`node ".../spec.mjs" …`, `<command>`) rather than a call. */
function isGenericMention(inv: Invocation): boolean {
  return /^(…|\.\.\.|<.*>)$/.test(inv.argv[0] ?? '');
}

export function invocationsIn(repo: string, files: string[]): Invocation[] {
  return files.flatMap((f) => {
    const text = readFileSync(join(repo, f), 'utf8');
    const found = f.endsWith('.json')
      ? jsonStrings(JSON.parse(text)).flatMap((s) => extractInvocations(f, s))
      : extractInvocations(f, text);
    return found.filter((inv) => !isGenericMention(inv));
  });
}
