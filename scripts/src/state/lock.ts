// A cross-process lock: an exclusive directory beside the guarded file. Hooks run as concurrent
// processes; read-modify-write of a state file happens only while holding its lock.
// Every change to the lock directory is one rename, so a process killed at any instant leaves either
// no lock or a whole one naming its dead owner: the directory is made aside with the owner's pid in
// it and renamed into place; release and stale-breaking rename it away before deleting it (deleting
// in place would leave an empty directory for a moment, which another process's rename could replace).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SpecError } from '../core/errors.js';
import { guardWrite } from '../core/inside.js';
import { processAlive as alive } from '../core/process-alive.js';

const STALE_MS = 15_000;
/** Codes of a rename onto a lock directory that exists: someone holds the lock. */
const HELD = new Set(['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY']);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function uniqueBeside(lockDir: string, tag: string): string {
  return `${lockDir}.${tag}.${process.pid}.${Math.random().toString(36).slice(2, 8)}`;
}

function ownerOf(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(`${lockDir}/pid`, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Move our lock out of the way, then delete it (gone already if a waiter judged it stale). */
function release(lockDir: string): void {
  const grave = uniqueBeside(lockDir, 'gone');
  try {
    renameSync(lockDir, grave);
  } catch {
    return;
  }
  rmSync(grave, { recursive: true, force: true });
}

/** Leftovers of processes killed between making a directory aside and renaming it (a readdir: cheap). */
function sweepLeftovers(lockDir: string): void {
  const prefix = `${basename(lockDir)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(lockDir)).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.split('.').at(-2));
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(dirname(lockDir), name), { recursive: true, force: true });
  }
}

function tryBreakStale(lockDir: string): void {
  const owner = ownerOf(lockDir);
  let age: number;
  try {
    age = Date.now() - statSync(lockDir).mtimeMs;
  } catch {
    return; // gone already: the next attempt takes it
  }
  // No pid inside: not one of ours (older versions wrote it after mkdir); only age makes it stale.
  if (age <= STALE_MS && (owner === undefined || alive(owner))) return;
  const grave = uniqueBeside(lockDir, 'gone');
  try {
    renameSync(lockDir, grave);
  } catch {
    return;
  }
  // Between our look and the rename another process may have broken it and taken it: give it back.
  const taken = ownerOf(grave);
  if (taken !== owner && taken !== undefined && alive(taken)) {
    try {
      renameSync(grave, lockDir);
      return;
    } catch {
      // Someone else holds it now; the one we moved lost its lock either way.
    }
  }
  rmSync(grave, { recursive: true, force: true });
}

/** Take the lock, or false when someone holds it; any other failure is thrown. */
function tryAcquire(target: string, lockDir: string): boolean {
  const aside = uniqueBeside(lockDir, 'new');
  try {
    mkdirSync(aside);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new SpecError(`cannot lock ${target}: ${code}`);
    mkdirSync(dirname(lockDir), { recursive: true });
    mkdirSync(aside);
  }
  writeFileSync(`${aside}/pid`, String(process.pid));
  try {
    renameSync(aside, lockDir);
    return true;
  } catch (error) {
    rmSync(aside, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (HELD.has(code)) return false;
    throw new SpecError(`cannot lock ${target}: ${code || String(error)}`);
  }
}

export function withLockSync<T>(target: string, fn: () => T, timeoutMs = 10_000): T {
  const lockDir = `${target}.lock`;
  // The lock lives beside the file: a linked .spec-state/ or features/ is refused before anything is made there.
  guardWrite(target, target);
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  while (!tryAcquire(target, lockDir)) {
    if (Date.now() > deadline) throw new SpecError(`${target} is locked by another spec process; try again`);
    tryBreakStale(lockDir);
    sleep(wait);
    wait = Math.min(wait * 2, 50);
  }
  try {
    sweepLeftovers(lockDir);
    return fn();
  } finally {
    release(lockDir);
  }
}
