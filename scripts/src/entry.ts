// The bundle's entry (scripts/spec.mjs). It imports almost nothing so that the hook Claude Code runs on
// every Write/Edit can answer "not a feature file" at about the cost of starting Node; everything else
// loads the CLI lazily.

import { existsSync } from 'node:fs';
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

/** Claude Code's hook JSON is a few KB; an endless or stuck stdin must not grow memory or hang the session. */
const MAX_STDIN_BYTES = 1024 * 1024;
const STDIN_TIMEOUT_MS = 3000;

/**
 * Reads the hook JSON, capped in size and time. process.stdin (a non-blocking libuv stream) rather than
 * a blocking read of fd 0: Claude Code's hook stdin is a socket, and a blocked read in the thread pool
 * would keep even process.exit() from returning when the writer never closes it.
 */
function readStdin(): Promise<string | Error> {
  if (isatty(0)) return Promise.resolve('');
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const input = process.stdin;
    const finish = (value: string | Error) => {
      clearTimeout(timer);
      input.removeAllListeners('data').removeAllListeners('end').removeAllListeners('error');
      if (value instanceof Error) input.destroy();
      done(value);
    };
    const timer = setTimeout(() => finish(new Error(`stdin did not end within ${STDIN_TIMEOUT_MS / 1000} s`)), STDIN_TIMEOUT_MS);
    input.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_STDIN_BYTES) finish(new Error(`stdin is larger than ${MAX_STDIN_BYTES / 1024 / 1024} MB; expected Claude Code's hook JSON`));
      else chunks.push(chunk);
    });
    input.on('end', () => finish(Buffer.concat(chunks).toString('utf8')));
    input.on('error', () => finish(total ? Buffer.concat(chunks).toString('utf8') : ''));
  });
}

const argv = process.argv.slice(2);
// Hooks, and `new --stdin` (a title with no shell quoting to get wrong), are the only readers of standard input.
const stdin = (argv[0] === 'hook' || (argv[0] === 'new' && argv.includes('--stdin'))) && !argv.includes('--help') ? await readStdin() : undefined;
if (typeof stdin === 'string' && argv.length === 2 && argv[1] === 'post-tool-use' && isFeatureEdit(stdin) === false) process.exit(0);
if (typeof stdin === 'string' && argv.length === 2 && HOOK_EVENTS.includes(argv[1] as string) && outsideSpecProject(stdin)) process.exit(0);
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
