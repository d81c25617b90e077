// A cross-process lock: an exclusive directory beside the guarded file. Hooks run as concurrent
// processes; read-modify-write of a state file happens only while holding its lock.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { SpecError } from '../core/errors.js';

const STALE_MS = 15_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ownerAlive(lockDir: string): boolean {
  let text: string;
  try {
    text = readFileSync(`${lockDir}/pid`, 'utf8');
  } catch {
    // No pid yet: the owner is between mkdir and writing it. Only age can make such a lock stale.
    return true;
  }
  try {
    const pid = Number(text);
    if (!Number.isInteger(pid) || pid <= 0) return true;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryBreakStale(lockDir: string): void {
  try {
    const age = Date.now() - statSync(lockDir).mtimeMs;
    if (age > STALE_MS || !ownerAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
  } catch {
    // Gone already: the next attempt will take it.
  }
}

export function withLockSync<T>(target: string, fn: () => T, timeoutMs = 10_000): T {
  const lockDir = `${target}.lock`;
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        mkdirSync(lockDir.slice(0, lockDir.lastIndexOf('/')), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw new SpecError(`cannot lock ${target}: ${code}`);
      if (Date.now() > deadline) throw new SpecError(`${target} is locked by another spec process; try again`);
      tryBreakStale(lockDir);
      sleep(wait);
      wait = Math.min(wait * 2, 50);
    }
  }
  try {
    writeFileSync(`${lockDir}/pid`, String(process.pid));
    return fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
