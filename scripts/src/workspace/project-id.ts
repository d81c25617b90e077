// The project identity: a random id generated once by `spec init` into a committed file. Remote items
// carry it (Confluence page anchor, JIRA entity property, GitHub marker), so two repositories whose
// features share a number and slug never claim each other's items.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SpecError } from '../core/errors.js';
import { readTextIfExists } from '../core/text-file.js';
import { writeFileAtomic } from '../state/atomic.js';

export const PROJECT_FILE = '.spec/project.json';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProjectIdentity {
  id: string;
}

/** The identity in `.spec/project.json`, or undefined when the file does not exist yet. */
export function readProjectIdentity(root: string): ProjectIdentity | undefined {
  const text = readTextIfExists(join(root, PROJECT_FILE), PROJECT_FILE);
  if (text === undefined) return undefined;
  return parseProjectIdentity(text);
}

/** Pure: the file's text → identity, or a SpecError naming the file and the fix. */
export function parseProjectIdentity(text: string): ProjectIdentity {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const id = (data as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !ID.test(id)) {
    throw new SpecError(`${PROJECT_FILE} does not hold a project id`, { hint: `restore it from git (git checkout -- ${PROJECT_FILE}); delete it and run spec init only if no tracker item was ever synced from this repository` });
  }
  return { id };
}

/** Pure: the text of a new project file. */
export function projectFileText(id: string = randomUUID()): string {
  return `${JSON.stringify({ id, about: 'Generated once by spec init. Commit this file: remote items carry this id, so items of other repositories are never taken for ours.' }, null, 2)}\n`;
}

/** Create `.spec/project.json` when it is missing; true when it was created. */
export function ensureProjectIdentity(root: string): boolean {
  if (readProjectIdentity(root)) return false;
  writeFileAtomic(join(root, PROJECT_FILE), projectFileText(), PROJECT_FILE);
  return true;
}
