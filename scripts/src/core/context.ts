import type { ParsedArgs } from './args.js';
import type { Output } from './output.js';

/** What every command receives. Commands never read process.* directly, so tests can run them in-process. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  args: ParsedArgs;
  out: Output;
  /** Reads all of standard input (hooks only). */
  readStdin: () => Promise<string>;
}

/** A command module's one export. Returns the process exit code. */
export type CommandRun = (ctx: CommandContext) => Promise<number>;
