// Human lines in the seed's style (✓ ✗ - →) or, with --json, one JSON object at the end.
export interface Writer {
  write(text: string): unknown;
}

export class Output {
  readonly json: boolean;
  private data: Record<string, unknown> = {};
  constructor(
    json: boolean,
    private readonly stdout: Writer,
    private readonly stderr: Writer,
  ) {
    this.json = json;
  }

  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }
  ok(text: string): void {
    this.line(`✓ ${text}`);
  }
  fail(text: string): void {
    this.line(`✗ ${text}`);
  }
  skip(text: string): void {
    this.line(`- ${text}`);
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
  /** Print raw text (payloads) in both modes. */
  raw(text: string): void {
    this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  flush(): void {
    if (this.json) this.stdout.write(`${JSON.stringify(this.data, null, 2)}\n`);
  }
}
