// Flag parsing shared by every command: `--x=v`, `--x v`, booleans, and a clear usage error for anything unknown.
import { UsageError } from './errors.js';

export type FlagType = 'boolean' | 'string';
export interface FlagSpec {
  type: FlagType;
  description: string;
  /** A spelling kept for the seed's guide (`--later`): given, it sets these flags instead of its own name. */
  sets?: Record<string, true>;
}
export type FlagSpecs = Record<string, FlagSpec>;

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean>;
}

export const GLOBAL_FLAGS: FlagSpecs = {
  json: { type: 'boolean', description: 'print one JSON object instead of lines' },
  quiet: { type: 'boolean', description: 'failures and a summary only, a few KB at most (the default inside Claude Code when not on a terminal)' },
  verbose: { type: 'boolean', description: 'every line, also inside Claude Code' },
  help: { type: 'boolean', description: 'show this help' },
};

export function parseArgs(argv: readonly string[], specs: FlagSpecs, command: string): ParsedArgs {
  const all: FlagSpecs = { ...GLOBAL_FLAGS, ...specs };
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = all[name];
    if (!spec) {
      const known = Object.keys(all).map((f) => `--${f}`).join(', ');
      throw new UsageError(`unknown flag --${name} for '${command}'`, `flags: ${known}`);
    }
    if (spec.type === 'boolean') {
      let on = true;
      if (eq !== -1) {
        const v = arg.slice(eq + 1).toLowerCase();
        if (!['true', 'false', '1', '0'].includes(v)) throw new UsageError(`--${name} takes no value`);
        on = v === 'true' || v === '1';
      }
      if (spec.sets) for (const target of Object.keys(spec.sets)) flags[target] = on;
      else flags[name] = on;
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value (--${name}=…)`);
      i++;
    }
    flags[name] = value;
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}
