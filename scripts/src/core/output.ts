// Human lines in the seed's style (✓ ✗ - →) or, with --json, one JSON object at the end.
// Quiet (--quiet, and the default for Claude Code's Bash tool, which keeps only ~30,000 characters of a
// result): success and skip lines are dropped, and what remains (failures, their details, the summary) is
// bounded to about QUIET_BUDGET bytes whatever the number of features: the first lines and the last
// (the summary) are kept, the middle is counted. --json stays complete.
export interface Writer {
  write(text: string): unknown;
}

export type Verbosity = 'full' | 'quiet';

export const QUIET_BUDGET = 4000;
const TAIL_BUDGET = 1200;

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  private data: Record<string, unknown> = {};
  private held: string[] = [];
  private dropped = 0;
  constructor(
    json: boolean,
    private readonly stdout: Writer,
    private readonly stderr: Writer,
    verbosity: Verbosity = 'full',
  ) {
    this.json = json;
    this.quiet = !json && verbosity === 'quiet';
  }

  line(text = ''): void {
    if (this.json) return;
    if (this.quiet) this.held.push(`${text}\n`);
    else this.stdout.write(`${text}\n`);
  }
  /** A success line: in quiet mode only counted. */
  ok(text: string): void {
    if (this.quiet) this.dropped++;
    else this.line(`✓ ${text}`);
  }
  /** A closing success line (the command's summary): printed in quiet mode too. */
  summary(text: string): void {
    this.line(`✓ ${text}`);
  }
  fail(text: string): void {
    this.line(`✗ ${text}`);
  }
  /** A skipped or informational line: in quiet mode only counted. */
  skip(text: string): void {
    if (this.quiet) this.dropped++;
    else this.line(`- ${text}`);
  }
  next(text: string): void {
    this.line(`→ ${text}`);
  }
  /** Warnings go to stderr so that stdout stays clean for piped payloads (export). */
  warn(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }
  /** Merge fields into the JSON result printed by `flush` in --json mode. */
  set(fields: Record<string, unknown>): void {
    Object.assign(this.data, fields);
  }
  /** Print raw text (payloads, hook JSON) in every mode, unbounded. */
  raw(text: string): void {
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  flush(): void {
    if (this.json) this.stdout.write(`${JSON.stringify(this.data, null, 2)}\n`);
    else if (this.quiet) this.stdout.write(boundedText(this.held, this.dropped));
    this.held = [];
  }
}

/** The held lines within QUIET_BUDGET: head and tail kept, the middle replaced by one counting line. Pure. */
export function boundedText(lines: string[], dropped = 0): string {
  const size = (ls: string[]) => ls.reduce((n, l) => n + Buffer.byteLength(l), 0);
  const note = dropped ? [`(${dropped} success line${dropped === 1 ? '' : 's'} not shown: --quiet)\n`] : [];
  if (size(lines) <= QUIET_BUDGET) return [...lines, ...note].join('');
  const tail: string[] = [];
  for (let i = lines.length - 1, n = 0; i >= 0 && n + Buffer.byteLength(lines[i] as string) <= TAIL_BUDGET; i--) {
    n += Buffer.byteLength(lines[i] as string);
    tail.unshift(lines[i] as string);
  }
  const head: string[] = [];
  for (let i = 0, n = 0; i < lines.length - tail.length && n + Buffer.byteLength(lines[i] as string) <= QUIET_BUDGET - TAIL_BUDGET - 200; i++) {
    n += Buffer.byteLength(lines[i] as string);
    head.push(lines[i] as string);
  }
  const omitted = lines.length - head.length - tail.length;
  return [...head, `… ${omitted} more line${omitted === 1 ? '' : 's'} not shown (--json lists everything)\n`, ...tail, ...note].join('');
}
