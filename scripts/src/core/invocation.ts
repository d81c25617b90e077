// Where the helper runs, and so how a command must be written for the user to run it there: inside a
// Claude Code session (the Bash tool, a hook, a slash command) the slash command (`/spec:sync
// --feature=003`); in a shell, `spec …` when that is our helper on PATH, else the full
// `node "<plugin root>/scripts/spec.mjs" …`. Decided once per process from the environment.
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export function insideClaudeCode(env: NodeJS.ProcessEnv): boolean {
  return env.CLAUDECODE === '1' || Boolean(env.CLAUDE_PLUGIN_ROOT) || Boolean(env.CLAUDE_PROJECT_DIR);
}

export type InvocationForm = { kind: 'slash'; bundle: string } | { kind: 'spec' } | { kind: 'node'; bundle: string };

// Helper commands that have a slash command of the same name (commands/<name>.md).
const SLASH = new Set(['audit', 'export', 'init', 'publish', 'status', 'sync', 'test-integration', 'validate']);

/** Whether `spec` on PATH is this very helper (an npm bin link to our bundle), not some other program. */
function specOnPath(env: NodeJS.ProcessEnv, bundle: string): boolean {
  let mine: string;
  try {
    mine = realpathSync(bundle);
  } catch {
    return false;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'spec');
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate) === mine;
    } catch {
      // not here: keep looking
    }
  }
  return false;
}

export function invocationForm(env: NodeJS.ProcessEnv, bundle: string | undefined): InvocationForm {
  const path = bundle ?? 'scripts/spec.mjs';
  if (insideClaudeCode(env)) return { kind: 'slash', bundle: path };
  if (bundle && specOnPath(env, bundle)) return { kind: 'spec' };
  return { kind: 'node', bundle: path };
}

/** `args` as the helper takes them (`sync --feature=003`), written in the given form. Pure. */
export function commandIn(form: InvocationForm, args: string): string {
  // Inside Claude Code a command without a slash twin (link, task…) is run through the Bash tool, where
  // ${CLAUDE_PLUGIN_ROOT} is not set: hence the absolute path of this very bundle.
  if (form.kind === 'slash') return SLASH.has(args.split(' ')[0] ?? '') ? `/spec:${args}` : `node "${form.bundle}" ${args}`;
  if (form.kind === 'spec') return `spec ${args}`;
  return `node "${form.bundle}" ${args}`;
}

let current: InvocationForm = { kind: 'spec' };

/** Set once by the CLI entry; every recovery line then reads it through `runnable`. */
export function setInvocation(form: InvocationForm): void {
  current = form;
}

/** A `spec <args>` command line rewritten in the form the user can run where they are. */
export function runnable(command: string): string {
  const args = command.replace(/^spec\s+/, '');
  return commandIn(current, args);
}

