// The fields of a remote item that a person can edit, as text we can compare and merge: what we
// send (payload → fields) and what the tracker holds now (its JSON → fields) go through the same
// conversion, so "edited since the last sync" is a plain string comparison, and the pair is the
// base and "theirs" of a three-way merge. JIRA descriptions and Confluence bodies become markdown.
import { adfToMarkdown, type AdfIn } from './adf-to-markdown.js';
import { storageToMarkdown } from './storage-to-markdown.js';

export type Fields = Record<string, string>;

/** Which tracker field is which in messages: `(summary, description)`. */
export const FIELD_WORDS = {
  jira: { title: 'summary', body: 'description' },
  linear: { title: 'title', body: 'description' },
  github: { title: 'title', body: 'body' },
  confluence: { title: 'title', body: 'body' },
} as const;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function jiraFields(fields: { summary?: unknown; description?: unknown }): Fields {
  return { summary: text(fields.summary), description: adfToMarkdown(fields.description as AdfIn | null) };
}

export function linearFields(issue: { title?: unknown; description?: unknown }): Fields {
  return { title: text(issue.title), description: text(issue.description) };
}

export function githubFields(issue: { title?: unknown; body?: unknown }): Fields {
  return { title: text(issue.title), body: text(issue.body) };
}

export function confluenceFields(page: { title?: unknown; body?: unknown }): Fields {
  return { title: text(page.title), body: storageToMarkdown(text(page.body)) };
}
