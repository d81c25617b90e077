// `spec sandbox --state=FILE`: the emulators' items survive a restart, so the links a user's features
// recorded keep pointing at something. The file is rewritten (temp file + rename) after every
// request that may change state, and read once at start. Faults and the search lag are not saved:
// they belong to a session, not to the data.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConfluenceEmulator, ConfluencePage } from './confluence.js';
import type { GithubEmulator, GithubIssue, GithubLabel, GithubMilestone } from './github.js';
import type { JiraEmulator, JiraIssue } from './jira.js';
import type { LinearEmulator, LinearIssue, LinearLabel } from './linear.js';

export const STATE_VERSION = 1;

export interface SandboxState {
  version: number;
  jira: { issues: JiraIssue[] };
  confluence: { pages: ConfluencePage[] };
  linear: { issues: LinearIssue[]; labels: LinearLabel[] };
  github: { issues: GithubIssue[]; labels: GithubLabel[]; milestones: GithubMilestone[] };
}

export interface Emulators {
  jira: JiraEmulator;
  confluence: ConfluenceEmulator;
  linear: LinearEmulator;
  github: GithubEmulator;
}

export function snapshot(e: Emulators): SandboxState {
  return {
    version: STATE_VERSION,
    jira: { issues: [...e.jira.issues.values()] },
    confluence: { pages: [...e.confluence.pages.values()] },
    linear: { issues: [...e.linear.issues.values()], labels: [...e.linear.labels.values()] },
    github: { issues: e.github.issues, labels: e.github.labels, milestones: e.github.milestones },
  };
}

/** Replace the emulators' items with a saved state; counters continue after the highest saved id. */
export function restore(e: Emulators, s: SandboxState): void {
  e.jira.issues.clear();
  for (const i of s.jira.issues) e.jira.issues.set(i.key, i);
  e.confluence.pages.clear();
  for (const p of s.confluence.pages) e.confluence.pages.set(p.id, p);
  e.linear.issues.clear();
  for (const i of s.linear.issues) e.linear.issues.set(i.id, i);
  e.linear.labels.clear();
  for (const l of s.linear.labels) e.linear.labels.set(l.id, l);
  e.github.issues.splice(0, e.github.issues.length, ...s.github.issues);
  e.github.labels.splice(0, e.github.labels.length, ...s.github.labels);
  e.github.milestones.splice(0, e.github.milestones.length, ...s.github.milestones);
  e.jira.resumeCounters();
  e.confluence.resumeCounters();
  e.linear.resumeCounters();
  e.github.resumeCounters();
  // Whatever was saved has long been indexed.
  e.jira.search.settle();
}

/** Read a state file; undefined when it does not exist yet. Throws with the file named when it is unreadable. */
export function loadState(file: string): SandboxState | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a sandbox state file (${(error as Error).message}); move it away or pass another --state`);
  }
  const s = parsed as Partial<SandboxState>;
  if (s.version !== STATE_VERSION || !s.jira || !s.confluence || !s.linear || !s.github) {
    throw new Error(`${file} is not a sandbox state file of version ${STATE_VERSION}; move it away or pass another --state`);
  }
  return s as SandboxState;
}

export function saveState(file: string, state: SandboxState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
