// Entry point of the helper: argument parsing and lazy dispatch.
import { parseArgs, GLOBAL_FLAGS, type FlagSpecs } from './core/args.js';
import { SpecError, UsageError, errorMessage } from './core/errors.js';
import { Output, type Writer } from './core/output.js';
import { redact } from './config/redact.js';
import { VERSION } from './core/version.js';
import { insideClaudeCode, invocationForm, setInvocation } from './core/invocation.js';
import { COMMANDS, findCommand, type CommandEntry } from './commands/registry.js';

/** Commands whose output grows with the number of features or items. */
const GROWING_OUTPUT = new Set(['sync', 'pull', 'audit', 'validate', 'publish', 'test-integration']);

export interface CliIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Writer;
  stderr: Writer;
  readStdin: () => Promise<string>;
  /** Whether stdout is a terminal (a person reading), for the compact default inside Claude Code. */
  stdoutIsTTY?: boolean;
}

function commandList(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
}

function mainHelp(): string {
  return `spec ${VERSION}: spec-driven development helper for the /spec Claude Code plugin

Usage: spec <command> [flags]

Commands:
${commandList()}

Global flags: --json, --quiet, --verbose, --help, --version
Run 'spec <command> --help' for a command's flags.
`;
}

function flagLines(flags: FlagSpecs): string {
  const all = { ...flags, ...GLOBAL_FLAGS };
  const names = Object.entries(all).map(([n, s]) => [s.type === 'string' ? `--${n}=<value>` : `--${n}`, s.description]);
  const width = Math.max(...names.map(([n]) => (n as string).length));
  return names.map(([n, d]) => `  ${(n as string).padEnd(width)}  ${d}`).join('\n');
}

function commandHelp(c: CommandEntry): string {
  return `spec ${c.name}: ${c.summary}

Usage:
${c.usage.map((u) => `  spec ${u}`).join('\n')}

Flags:
${flagLines(c.flags)}
`;
}

/** Every byte the helper prints passes redact(): a secret echoed by a server cannot reach the terminal. */
const redacting = (w: Writer): Writer => ({ write: (text: string) => w.write(redact(text)) });

export async function main(argv: readonly string[], rawIo: CliIO): Promise<number> {
  const io: CliIO = { ...rawIo, stdout: redacting(rawIo.stdout), stderr: redacting(rawIo.stderr) };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = findCommand(name);
  const wantsJson = rest.includes('--json');
  try {
    if (!entry) throw new UsageError(`unknown command '${name}'`, `commands:\n${commandList()}`);
    const args = parseArgs(rest, entry.flags, name);
    if (args.flags.help) {
      io.stdout.write(commandHelp(entry));
      if (entry.help) io.stdout.write(`\n${await entry.help()}`);
      return 0;
    }
    if (args.flags.quiet === true && args.flags.verbose === true) throw new UsageError('--quiet and --verbose contradict each other');
    // Claude Code's Bash tool keeps only the start of a long result: there, the commands whose output grows
    // with the project are compact unless asked otherwise (a phase command's few ✓ lines are what the model needs).
    const compact = args.flags.verbose !== true && !io.stdoutIsTTY && insideClaudeCode(io.env) && GROWING_OUTPUT.has(name);
    const out = new Output(args.flags.json === true, io.stdout, io.stderr, args.flags.quiet === true || compact ? 'quiet' : 'full');
    const mod = await entry.load();
    const code = await mod.run({ cwd: io.cwd, env: io.env, args, out, readStdin: io.readStdin });
    out.flush();
    return code;
  } catch (error) {
    return reportError(error, io, wantsJson, entry);
  }
}

function reportError(error: unknown, io: CliIO, json: boolean, entry: CommandEntry | undefined): number {
  const spec = error instanceof SpecError ? error : undefined;
  const code = spec?.exitCode ?? 1;
  const message = spec ? spec.message : `unexpected error: ${errorMessage(error)}`;
  if (json) {
    io.stdout.write(`${JSON.stringify({ ok: false, error: message, exitCode: code }, null, 2)}\n`);
  } else {
    io.stderr.write(`✗ ${message}\n`);
    if (spec?.hint) io.stderr.write(`${spec.hint}\n`);
    else if (code === 2 && entry) io.stderr.write(`usage:\n${entry.usage.map((u) => `  spec ${u}`).join('\n')}\n`);
  }
  if (io.env.SPEC_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return code;
}

/**
 * A stream whose reader may go away (`spec status | head -1`): once the pipe is closed, further output is
 * dropped instead of ending in an EPIPE stack trace, and the command finishes its local work undisturbed.
 */
export function pipeSafe(stream: NodeJS.WriteStream, onClosed: () => void): Writer {
  let closed = false;
  const close = (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    if (!closed) onClosed();
    closed = true;
  };
  stream.on('error', close);
  return {
    write(text: string) {
      if (closed) return false;
      try {
        return stream.write(text);
      } catch (error) {
        close(error as NodeJS.ErrnoException);
        return false;
      }
    },
  };
}

/** Runs the CLI for this process. Standard input (hooks, `new --stdin`) has been read by the entry already. */
export async function runProcess(argv: readonly string[], stdin: string | Error = ''): Promise<void> {
  // Recovery lines name commands as the user can run them here (slash command, spec, or node <bundle>).
  setInvocation(invocationForm(process.env, process.argv[1]));
  // The output already written is all the reader wanted: a closed pipe is a quiet success.
  let pipeClosed = false;
  const closed = () => {
    pipeClosed = true;
    process.exitCode = 0;
  };
  try {
    const code = await main(argv, {
      cwd: process.cwd(),
      env: process.env,
      stdout: pipeSafe(process.stdout, closed),
      stderr: pipeSafe(process.stderr, closed),
      readStdin: async () => {
        if (stdin instanceof Error) throw stdin; // too large or never closed: the hook reports it
        return stdin;
      },
      stdoutIsTTY: process.stdout.isTTY === true,
    });
    process.exitCode = pipeClosed ? 0 : code;
  } catch (error) {
    if (!pipeClosed) process.stderr.write(`✗ unexpected error: ${errorMessage(error)}\n`);
    process.exitCode = pipeClosed ? 0 : 1;
  }
}
