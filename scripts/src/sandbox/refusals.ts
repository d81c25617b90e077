// What the real services refuse that a naive emulator would accept: field lengths, label names,
// priority schemes, body sizes. Pure checks; each emulator calls them and answers in its own shape.
// Every limit cites where it was seen, because the tests that rely on these refusals are only as
// honest as the numbers here.

/**
 * GitHub label names: at most 50 characters.
 * POST /labels answers 422 `{"resource":"Label","code":"custom","field":"name","message":"name is too long (maximum is 50 characters)"}`
 * (github/docs#32156). Labels named in an issue create/update or add-labels call come back as
 * `{"value":<name>,"resource":"Label","field":"name","code":"invalid"}` (semantic-release/github#518,
 * hashicorp/terraform-provider-google#16746).
 */
export const GITHUB_LABEL_MAX = 50;
/** GitHub issue title: "title is too long (maximum is 256 characters)" (googleapis/repo-automation-bots#1895, DavyJonesLocker/party_foul#122). */
export const GITHUB_TITLE_MAX = 256;
/** GitHub issue body: "body is too long (maximum is 65536 characters)" (googleapis/release-please#1034, PyGithub/PyGithub#1906). */
export const GITHUB_BODY_MAX = 65_536;

export type GithubValidationError = Record<string, unknown>;

/** Errors for labels named while creating or editing an issue (the label is created on the fly). */
export function githubIssueLabelErrors(names: string[]): GithubValidationError[] {
  return names.filter((n) => n.length > GITHUB_LABEL_MAX).map((n) => ({ value: n, resource: 'Label', field: 'name', code: 'invalid' }));
}

/** Errors for POST /labels (and PATCH /labels/{name}). */
export function githubLabelCreateErrors(name: string): GithubValidationError[] {
  return name.length > GITHUB_LABEL_MAX ? [{ resource: 'Label', code: 'custom', field: 'name', message: `name is too long (maximum is ${GITHUB_LABEL_MAX} characters)` }] : [];
}

/** Errors for an issue's title and body (create or update). Lengths are in UTF-16 code units, as JavaScript counts. */
export function githubIssueTextErrors(fields: { title?: unknown; body?: unknown }): GithubValidationError[] {
  const out: GithubValidationError[] = [];
  if (typeof fields.title === 'string' && fields.title.length > GITHUB_TITLE_MAX) out.push({ resource: 'Issue', code: 'custom', field: 'title', message: `title is too long (maximum is ${GITHUB_TITLE_MAX} characters)` });
  if (typeof fields.body === 'string' && fields.body.length > GITHUB_BODY_MAX) out.push({ resource: 'Issue', code: 'custom', field: 'body', message: `body is too long (maximum is ${GITHUB_BODY_MAX} characters)` });
  return out;
}

/**
 * Jira Cloud text fields: description (and other rich-text fields) at most 32,767 characters
 * ("The entered text is too long. It exceeds the allowed limit of 32,767 characters.", errors.description;
 * prometheus-community/jiralert#41, mozilla/jira-bugzilla-integration#1030, JRACLOUD-68949).
 * Summary: "Summary must be less than 255 characters." (ryanhoskin/pd2jira#13).
 * [A] Jira counts the stored text; for ADF we count the serialised document, which is never shorter,
 * so a client that fits this measure fits the real one.
 */
export const JIRA_TEXT_MAX = 32_767;
export const JIRA_SUMMARY_MAX = 255;

export function jiraTextLength(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? value.length : JSON.stringify(value).length;
}

export function jiraLengthErrors(fields: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (typeof fields.summary === 'string' && fields.summary.length > JIRA_SUMMARY_MAX) errors.summary = 'Summary must be less than 255 characters.';
  if (jiraTextLength(fields.description) > JIRA_TEXT_MAX) errors.description = 'The entered text is too long. It exceeds the allowed limit of 32,767 characters.';
  return errors;
}

// Jira priorities (per project scheme; Priority off-screen) are in jira-projects.ts.

/** Confluence: a request body over 5 MB answers 413 (oracles/BEHAVIOURS.md: "The 413 limit is 5 MB" [D]). */
export const CONFLUENCE_BODY_MAX_BYTES = 5 * 1024 * 1024;

/**
 * GitHub fine-grained personal access tokens: the repository's `permissions.push` reflects the user's
 * role, not the token's grants, so every write can still answer 403 "Resource not accessible by
 * personal access token" with `X-Accepted-GitHub-Permissions` naming what the endpoint needs
 * (github.blog changelog 2023-08-10; docs "Permissions required for fine-grained personal access tokens").
 */
export function githubAcceptedPermissions(rest: string): string {
  if (rest === 'labels' || rest.startsWith('labels/')) return 'issues=write; pull_requests=write';
  return 'issues=write';
}
