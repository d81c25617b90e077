// Changing a feature document safely: under its lock, re-read, change, write atomically.
import { readText } from '../core/text-file.js';
import { writeFileAtomic } from '../state/atomic.js';
import { withLockSync } from '../state/lock.js';
import { updateFrontmatter } from './frontmatter.js';

export function editDoc(path: string, display: string, change: (text: string) => string): string {
  return withLockSync(path, () => {
    const before = readText(path, display);
    const after = change(before);
    if (after !== before) writeFileAtomic(path, after, display);
    return after;
  });
}

/** Set frontmatter keys (undefined deletes); the body is never touched. */
export function setFrontmatter(path: string, display: string, changes: Record<string, unknown>): string {
  return editDoc(path, display, (text) => updateFrontmatter(text, display, changes));
}
