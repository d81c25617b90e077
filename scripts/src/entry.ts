// The bundle's entry (scripts/spec.mjs). It imports almost nothing so that the hook Claude Code runs on
// every Write/Edit can answer "not a feature file" at about the cost of starting Node; everything else
// loads the CLI lazily.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isatty } from 'node:tty';

// Whether a PostToolUse payload could concern a feature file; `undefined` means "cannot tell cheaply" (bad
// JSON…), and the full hook decides. Kept here, import-free, because every chunk import costs start-up time.
function isFeatureEdit(stdin: string): boolean | undefined {
  let input: { tool_input?: Record<string, unknown> } | null;
  try {
    input = JSON.parse(stdin) as typeof input;
  } catch {
    return undefined;
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const t = input.tool_input ?? {};
  const file = t.file_path ?? t.path ?? t.notebook_path;
  if (typeof file !== 'string' || !file) return false;
  return /(^|[\\/])features[\\/]/.test(file);
}

// Whether a hook concerns no spec project at all (no features/ and no .spec-state/ at the project root,
// found as workspace/root.ts finds it): then every event answers nothing, and saying so here spares
// loading the CLI in every repository where the plugin is installed but unused. `false` when unsure.
const HOOK_EVENTS = ['session-start', 'post-tool-use', 'stop'];
function outsideSpecProject(stdin: string): boolean {
  let input: { cwd?: unknown } | null;
  try {
    input = JSON.parse(stdin) as typeof input;
  } catch {
    return false;
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) return false;
  const cwd = typeof input.cwd === 'string' && input.cwd && existsSync(input.cwd) ? input.cwd : process.cwd();
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, 'CLAUDE.md')) || existsSync(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) {
      dir = resolve(cwd);
      break;
    }
    dir = parent;
  }
  return !existsSync(join(dir, 'features')) && !existsSync(join(dir, '.spec-state'));
}

/** Claude Code pipes the hook JSON: a blocking read of fd 0 is cheaper than setting up process.stdin. */
function readStdin(): string {
  if (isatty(0)) return '';
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

const argv = process.argv.slice(2);
// Hooks are the only readers of standard input.
const stdin = argv[0] === 'hook' && !argv.includes('--help') ? readStdin() : undefined;
if (stdin !== undefined && argv.length === 2 && argv[1] === 'post-tool-use' && isFeatureEdit(stdin) === false) process.exit(0);
if (stdin !== undefined && argv.length === 2 && HOOK_EVENTS.includes(argv[1] as string) && outsideSpecProject(stdin)) process.exit(0);
let cli: typeof import('./cli.js');
try {
  cli = await import('./cli.js');
} catch (error) {
  // A broken or missing chunk must not block the user's edit: a hook fails open, with a note.
  if (argv[0] !== 'hook') throw error;
  const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stdout.write(`${JSON.stringify({ systemMessage: `spec hook skipped: the helper could not load (${why}); run npm run build or reinstall the plugin` })}\n`);
  process.exit(0);
}
await cli.runProcess(argv, stdin);
