// One error type for everything the local job can get wrong. `exitCode` 2 is a usage error.
export class SpecError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;
  constructor(message: string, options: { exitCode?: number; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SpecError';
    this.exitCode = options.exitCode ?? 1;
    this.hint = options.hint;
  }
}

export class UsageError extends SpecError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: 2, ...(hint === undefined ? {} : { hint }) });
    this.name = 'UsageError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Node's fs error codes turned into a sentence a user can act on. */
export function describeFsError(error: unknown, file: string): SpecError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied: make it writable (chmod u+w) or run from an account that owns it',
    EPERM: 'operation not permitted: make it writable (chmod u+w)',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    ENOENT: 'it does not exist',
    EISDIR: 'it is a directory, not a file',
    ENOTDIR: 'a parent path is not a directory',
  };
  const reason = (code && reasons[code]) ?? errorMessage(error);
  return new SpecError(`${file}: ${reason}`, { cause: error });
}
