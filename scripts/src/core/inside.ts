// The project is a boundary: a cloned repository can carry symlinks (features/, .spec-memory/, plan.md)
// or $refs that point anywhere on the machine. Every file we publish from or write to must resolve
// inside the project root, and is opened without following a final symlink.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { describeFsError, SpecError } from './errors.js';

/** The largest file we read for publishing or for a $ref: far above any real spec, far below trouble. */
export const MAX_READ_BYTES = 10 * 1024 * 1024;

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (!real) {
    real = realpathSync(root);
    realRoots.set(root, real);
  }
  return real;
}

export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, resolving links in every existing ancestor; missing tails are kept as written. */
export function realPathOf(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return resolve(realPathOf(parent), abs.slice(parent.length + 1));
  }
}

export class OutsideProjectError extends SpecError {
  constructor(message: string, options: { hint?: string } = {}) {
    super(message, options);
    this.name = 'OutsideProjectError';
  }
}

/** Throws unless `path` (through every link) stays inside `root`. */
export function assertInside(root: string, path: string, display: string): string {
  const real = realPathOf(path);
  if (!isWithin(realRoot(root), real)) {
    throw new OutsideProjectError(`${display} resolves outside the project (to ${real}); refusing to use it`, { hint: 'replace the symlink with a plain file or folder inside the project' });
  }
  return real;
}

/** Throws when `path` itself is a symlink (a write would go wherever it points). */
export function assertNotSymlink(path: string, display: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    return; // missing: nothing to follow
  }
  if (link) throw new OutsideProjectError(`${display} is a symbolic link; refusing to write through it`, { hint: 'replace the link with a plain file' });
}

/** Checked before every state, log, memory or feature write: inside the project and not a link itself. */
export function assertWritable(root: string, path: string, display: string): void {
  assertNotSymlink(path, display);
  assertInside(root, path, display);
}

/**
 * Reads a regular file inside the project: no final symlink (O_NOFOLLOW), no device, FIFO or socket
 * (O_NONBLOCK so a FIFO cannot hang the open, then fstat), at most `cap` bytes.
 */
export function readInside(root: string, path: string, display: string, cap = MAX_READ_BYTES): Buffer {
  assertInside(root, path, display);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new OutsideProjectError(`${display} is a symbolic link; refusing to read through it`, { hint: 'replace the link with a plain file' });
    throw describeFsError(error, display);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new OutsideProjectError(`${display} is not a regular file (a device, FIFO, socket or folder); refusing to read it`);
    if (st.size > cap) throw new SpecError(`${display} is ${Math.round(st.size / 1024 / 1024)} MB, above the ${Math.round(cap / 1024 / 1024)} MB limit`, { hint: 'split it into smaller files' });
    const buf = Buffer.alloc(Math.min(st.size, cap) + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > cap) throw new SpecError(`${display} is above the ${Math.round(cap / 1024 / 1024)} MB limit`, { hint: 'split it into smaller files' });
      if (total === buf.length) break;
    }
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}

/** The project every command works in (set by findProjectRoot): files under it are held to the boundary. */
let projectRoot: string | undefined;

export function setProjectRoot(root: string): void {
  projectRoot = resolve(root);
}

const underRoot = (path: string): string | undefined => (projectRoot && isWithin(projectRoot, resolve(path)) ? projectRoot : undefined);

/** Before any write: a path under the project must stay inside it through every link, and not be a link itself. */
export function guardWrite(path: string, display: string): void {
  const root = underRoot(path);
  if (root) assertWritable(root, path, display);
}

/** Before any read: a path under the project must resolve inside it; returns the real path to open (O_NOFOLLOW). */
export function guardRead(path: string, display: string): string {
  const root = underRoot(path);
  return root ? assertInside(root, path, display) : path;
}
