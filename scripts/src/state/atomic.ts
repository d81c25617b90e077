// Every file we write goes through here: a temp file in the same directory, then rename,
// so a killed writer never leaves a half-written file and readers see old or new, never a mix.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError } from '../core/errors.js';
import { guardWrite } from '../core/inside.js';
import { processAlive as alive } from '../core/process-alive.js';

/** Temp files of writers killed before their rename (`.<name>.<pid>.<random>.tmp`, pid dead): one readdir. */
function sweepTempFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\..+\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

export function writeFileAtomic(file: string, content: string, display: string = file): void {
  const dir = dirname(file);
  guardWrite(file, display);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw describeFsError(error, dir);
  }
  sweepTempFiles(dir);
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o777;
    // rename() would replace a read-only file without complaint; the user meant to protect it.
    if ((mode & 0o200) === 0) throw Object.assign(new Error('read-only'), { code: 'EACCES' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw describeFsError(error, display);
  }
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', mode ?? 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw describeFsError(error, display);
  }
}
