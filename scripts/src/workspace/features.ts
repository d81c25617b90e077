// features/###-slug discovery, numbering and `--feature` resolution.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import { describeFsError, SpecError } from '../core/errors.js';
import { guardRead } from '../core/inside.js';
import { slugify } from './slug.js';

export const FEATURES_DIR = 'features';
const FEATURE_DIR = /^(\d{3,})-([a-z0-9][a-z0-9-]*)$/;

export interface FeatureRef {
  number: number;
  /** Zero-padded, e.g. "003". */
  id: string;
  slug: string;
  /** Directory name, e.g. "003-user-auth". */
  name: string;
  dir: string;
}

export function featureId(n: number): string {
  return String(n).padStart(3, '0');
}

export function listFeatures(root: string): FeatureRef[] {
  const base = join(root, FEATURES_DIR);
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(base, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw describeFsError(error, FEATURES_DIR);
  }
  const out: FeatureRef[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const m = FEATURE_DIR.exec(e.name);
    if (!m) continue;
    const number = Number(m[1]);
    // Concatenated, not join()ed: `base` is normalised and a directory entry has no separator, and
    // hooks list thousands of features on every turn.
    out.push({ number, id: featureId(number), slug: m[2] as string, name: e.name, dir: `${base}${sep}${e.name}` });
  }
  return out.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
}

export interface NumberingProblem {
  kind: 'gap' | 'duplicate';
  message: string;
}

/** Gaps and duplicate numbers are tolerated (next = highest + 1) but reported. */
export function numberingProblems(features: FeatureRef[]): NumberingProblem[] {
  const problems: NumberingProblem[] = [];
  const byNumber = new Map<number, FeatureRef[]>();
  for (const f of features) byNumber.set(f.number, [...(byNumber.get(f.number) ?? []), f]);
  for (const [n, list] of byNumber) {
    if (list.length > 1) {
      problems.push({
        kind: 'duplicate',
        message: `features/: number ${featureId(n)} is used by ${list.map((f) => f.name).join(' and ')}; rename one so each number is unique`,
      });
    }
  }
  const numbers = [...byNumber.keys()].sort((a, b) => a - b);
  for (let i = 1; i < numbers.length; i++) {
    const prev = numbers[i - 1] as number;
    const cur = numbers[i] as number;
    if (cur > prev + 1) {
      const missing = cur - prev === 2 ? featureId(prev + 1) : `${featureId(prev + 1)}–${featureId(cur - 1)}`;
      problems.push({ kind: 'gap', message: `features/: no feature numbered ${missing} (a gap is harmless; new features continue after the highest)` });
    }
  }
  return problems;
}

export function rejectPathLike(value: string, what: string): void {
  if (isAbsolute(value) || /(^|[\\/])\.\.([\\/]|$)/.test(value) || value.includes('\0')) {
    throw new SpecError(`${what} "${value}" looks like a path; give a feature number, directory name or slug`, { exitCode: 2 });
  }
}

/** `listing`: the caller's listing of features/, when it has one already. */
export function resolveFeature(root: string, query: string, listing?: FeatureRef[]): FeatureRef {
  rejectPathLike(query, '--feature');
  const features = listing ?? listFeatures(root);
  const q = query.trim().replace(/^features[\\/]/, '').replace(/[\\/]$/, '');
  let matches: FeatureRef[];
  if (/^\d+$/.test(q)) matches = features.filter((f) => f.number === Number(q));
  else {
    matches = features.filter((f) => f.name === q);
    if (!matches.length) matches = features.filter((f) => f.slug === q || f.slug === slugify(q));
  }
  if (matches.length === 1) return matches[0] as FeatureRef;
  if (matches.length > 1) {
    throw new SpecError(`--feature ${query} is ambiguous: ${matches.map((f) => f.name).join(', ')}; name the directory`, { exitCode: 2 });
  }
  const known = features.length ? `known: ${features.slice(-5).map((f) => f.name).join(', ')}` : `no features yet: run 'spec new "<title>"'`;
  throw new SpecError(`feature '${query}' not found under features/ (${known})`, { exitCode: 2 });
}

/** A claim lives for milliseconds; one this old was left by a killed `new` and would skip its number for good. */
const STALE_CLAIM_MS = 10_000;

function sweepStaleClaims(base: string): void {
  for (const name of readdirSync(base)) {
    if (!/^\.\d{3,}\.claim$/.test(name)) continue;
    const claim = join(base, name);
    try {
      if (Date.now() - statSync(claim).mtimeMs > STALE_CLAIM_MS) rmSync(claim, { recursive: true, force: true });
    } catch {
      // taken away by a concurrent sweep
    }
  }
}

/**
 * Claims the next number after the highest in use here or in `reserved` (numbers other branches hold),
 * never one of them. Two `new` processes racing for one number must not both win: each takes an
 * exclusive claim directory (mkdir is atomic), then re-checks that no feature took the number meanwhile.
 */
export function allocateFeature(root: string, title: string, reserved: ReadonlySet<number> = new Set()): FeatureRef {
  const slug = slugify(title);
  if (!slug) throw new SpecError(`title "${title}" has no letters or digits to name the feature by`, { exitCode: 2 });
  const base = join(root, FEATURES_DIR);
  guardRead(base, `${FEATURES_DIR}/`); // a linked features/ that leads out of the project is refused
  try {
    mkdirSync(base, { recursive: true });
  } catch (error) {
    throw describeFsError(error, FEATURES_DIR);
  }
  sweepStaleClaims(base);
  const taken = (n: number) => reserved.has(n) || readdirSync(base).some((name) => name.startsWith(`${featureId(n)}-`));
  let number = Math.max(0, ...reserved, ...listFeatures(root).map((f) => f.number)) + 1;
  for (let attempt = 0; attempt < 1000; attempt++, number++) {
    if (taken(number)) continue;
    const claim = join(base, `.${featureId(number)}.claim`);
    try {
      mkdirSync(claim);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw describeFsError(error, FEATURES_DIR);
    }
    try {
      if (taken(number)) continue;
      const name = `${featureId(number)}-${slug}`;
      const dir = join(base, name);
      try {
        mkdirSync(dir);
      } catch (error) {
        throw describeFsError(error, `features/${name}`);
      }
      return { number, id: featureId(number), slug, name, dir };
    } finally {
      rmSync(claim, { recursive: true, force: true });
    }
  }
  throw new SpecError('could not allocate a feature number after 1000 attempts');
}
