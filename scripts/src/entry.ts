// The bundle's entry (scripts/spec.mjs). It imports almost nothing so that the hook Claude Code runs on
// every Write/Edit can answer "not a feature file" at about the cost of starting Node; everything else
// loads the CLI lazily.

import { readFileSync } from 'node:fs';
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
const { runProcess } = await import('./cli.js');
await runProcess(argv, stdin);
