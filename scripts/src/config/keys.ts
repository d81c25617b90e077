// Every SPEC_* key we understand. The JSON schema (config/schema.ts), `validate --config` and the
// typed Config are all derived from this one table.
export type Tracker = 'jira' | 'confluence' | 'linear' | 'github';

/** How every message, log line and status names a tracker; its key order is the order trackers run and print in. */
export const TRACKER_NAMES = { jira: 'JIRA', confluence: 'Confluence', linear: 'Linear', github: 'GitHub' } as const satisfies Record<Tracker, string>;
export const TRACKERS = Object.keys(TRACKER_NAMES) as readonly Tracker[];

export interface KeyDef {
  /** JSON-schema fragment for the raw string value. */
  schema: { enum?: string[]; pattern?: string };
  /** What a user should put there, for messages. */
  expect: string;
  secret?: boolean;
  integration?: Tracker | 'atlassian';
  defaultValue?: string;
  /** Inclusive bounds for a number of seconds: beyond them a timer misfires or a run never ends. */
  range?: [number, number];
}

const SWITCH = { schema: { enum: ['enabled', 'disabled', 'true', 'false'] }, expect: 'enabled or disabled' };
// No user:password@ part: a credential in a URL would be copied into every error line and state file.
const URL = { schema: { pattern: '^https?://[^\\s/$.?#@][^\\s/?#@]*(?:[/?#]\\S*)?$' }, expect: 'an http(s) URL' };
const SECONDS = { schema: { pattern: '^[0-9]+(\\.[0-9]+)?$' }, expect: 'a number of seconds' };
const TEXT = { schema: { pattern: '^\\S(.*\\S)?$' }, expect: 'a non-empty value' };
const SECRET = { ...TEXT, secret: true, expect: 'a token' };

export const KEYS: Record<string, KeyDef> = {
  SPEC_ATLASSIAN_SYNC: { ...SWITCH, integration: 'atlassian' },
  SPEC_ATLASSIAN_URL: { ...URL, integration: 'atlassian', expect: 'your site, e.g. https://your-domain.atlassian.net' },
  SPEC_ATLASSIAN_EMAIL: { schema: { pattern: '^[^\\s@]+@[^\\s@]+$' }, expect: 'the Atlassian account email', integration: 'atlassian' },
  SPEC_ATLASSIAN_API_TOKEN: { ...SECRET, integration: 'atlassian' },
  // Scoped tokens work only through the API gateway, addressed by the site's cloud id (<site>/_edge/tenant_info).
  SPEC_ATLASSIAN_CLOUD_ID: { schema: { pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }, expect: 'the site\'s cloud id, a UUID (see <site>/_edge/tenant_info)', integration: 'atlassian' },
  SPEC_ATLASSIAN_API_GATEWAY: { ...URL, integration: 'atlassian', defaultValue: 'https://api.atlassian.com', expect: 'the gateway root, https://api.atlassian.com' },
  SPEC_JIRA_API_TOKEN: { ...SECRET, integration: 'jira' },
  SPEC_JIRA_PROJECT_KEY: { schema: { pattern: '^[A-Z][A-Z0-9_]{1,9}$' }, expect: 'a project key such as PROJ', integration: 'jira' },
  SPEC_JIRA_ISSUE_TYPE: { ...TEXT, integration: 'jira', defaultValue: 'Story', expect: 'an issue type name such as Story' },
  // Status goes out: the story follows the tasks through the workflow's own transitions.
  SPEC_JIRA_TRANSITIONS: { ...SWITCH, integration: 'jira', defaultValue: 'enabled' },
  SPEC_JIRA_EPIC: { schema: { pattern: '^[A-Z][A-Z0-9_]{1,9}-[0-9]+$' }, expect: 'an epic key such as PROJ-100', integration: 'jira' },
  // Priority names differ per project's priority scheme ("The priority selected is invalid." otherwise).
  SPEC_JIRA_PRIORITY_P1: { ...TEXT, integration: 'jira', defaultValue: 'High', expect: "a priority name of the project's scheme, such as High" },
  SPEC_JIRA_PRIORITY_P2: { ...TEXT, integration: 'jira', defaultValue: 'Medium', expect: "a priority name of the project's scheme, such as Medium" },
  SPEC_JIRA_PRIORITY_P3: { ...TEXT, integration: 'jira', defaultValue: 'Low', expect: "a priority name of the project's scheme, such as Low" },
  SPEC_CONFLUENCE_SPACE: { schema: { pattern: '^[A-Za-z0-9_~.-]+$' }, expect: 'a space key such as DEV', integration: 'confluence' },
  SPEC_CONFLUENCE_ROOT_PAGE_ID: { schema: { pattern: '^[0-9]+$' }, expect: 'a numeric page id', integration: 'confluence' },
  SPEC_CONFLUENCE_PUBLISH_SPEC: { ...SWITCH, integration: 'confluence', defaultValue: 'disabled' },
  SPEC_LINEAR_SYNC: { ...SWITCH, integration: 'linear' },
  SPEC_LINEAR_API_KEY: { ...SECRET, integration: 'linear' },
  SPEC_LINEAR_TEAM_ID: { schema: { pattern: '^[A-Za-z0-9_-]+$' }, expect: 'the team UUID or key such as ENG', integration: 'linear' },
  SPEC_LINEAR_URL: { ...URL, integration: 'linear', defaultValue: 'https://api.linear.app/graphql' },
  SPEC_LINEAR_PROJECT_ID: { ...TEXT, integration: 'linear', expect: 'a Linear project id' },
  SPEC_LINEAR_LABELS: { ...TEXT, integration: 'linear', expect: 'comma-separated label names or ids' },
  SPEC_LINEAR_TASK_ISSUES: { ...SWITCH, integration: 'linear', defaultValue: 'false' },
  SPEC_GITHUB_SYNC: { ...SWITCH, integration: 'github' },
  SPEC_GITHUB_TOKEN: { ...SECRET, integration: 'github' },
  SPEC_GITHUB_OWNER: { schema: { pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$' }, expect: 'a user or organisation', integration: 'github' },
  SPEC_GITHUB_REPO: { schema: { pattern: '^[A-Za-z0-9._-]{1,100}$' }, expect: 'a repository name', integration: 'github' },
  SPEC_GITHUB_API_URL: { ...URL, integration: 'github', defaultValue: 'https://api.github.com' },
  SPEC_GITHUB_MILESTONES: { ...SWITCH, integration: 'github', defaultValue: 'disabled' },
  SPEC_SYNC_MODE: { schema: { enum: ['auto', 'manual'] }, expect: 'auto or manual', defaultValue: 'manual' },
  SPEC_HTTP_TIMEOUT_SECONDS: { ...SECONDS, defaultValue: '30', range: [0.1, 600], expect: 'a number of seconds from 0.1 to 600' },
  SPEC_RATE_LIMIT_MAX_WAIT_SECONDS: { ...SECONDS, defaultValue: '60', range: [0, 3600], expect: 'a number of seconds from 0 to 3600' },
  SPEC_GIT_BRANCH: { ...SWITCH, defaultValue: 'enabled' },
  // {key}: the tracker key of a feature started with `new --from` (its number when it has none).
  SPEC_GIT_BRANCH_PATTERN: { schema: { pattern: '^\\S*\\{(id|key)\\}\\S*$' }, expect: 'a pattern containing {id} or {key}, e.g. feature/{id}-{slug} or feature/{key}-{slug}', defaultValue: 'feature/{id}-{slug}' },
  // Features are found by their leading number, so the folder must start with it.
  SPEC_FEATURE_DIR_PATTERN: { schema: { pattern: '^\\{id\\}(?:[-_.]?\\{(?:key|slug)\\})*$' }, expect: 'a folder pattern starting with {id}, e.g. {id}-{slug} or {id}-{key}-{slug}', defaultValue: '{id}-{slug}' },
  SPEC_VALIDATE_ON_SAVE: { ...SWITCH, defaultValue: 'false' },
  SPEC_DEBUG: { schema: { enum: ['0', '1', 'true', 'false'] }, expect: '1 or 0' },
};

/** `SPEC_JIRA_CUSTOM_FIELD_<NAME>=customfield_N`: a family of keys, not one key. */
export const CUSTOM_FIELD_PREFIX = 'SPEC_JIRA_CUSTOM_FIELD_';

/** The setting that names a custom field: `Story Points` → `SPEC_JIRA_CUSTOM_FIELD_STORY_POINTS`. */
export const customFieldKey = (name: string): string => `${CUSTOM_FIELD_PREFIX}${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
export const CUSTOM_FIELD_PATTERN = '^customfield_[0-9]+$';

export function isSecretKey(key: string): boolean {
  return KEYS[key]?.secret === true || /_(TOKEN|API_KEY)$/.test(key);
}

export function isKnownKey(key: string): boolean {
  return key in KEYS || (key.startsWith(CUSTOM_FIELD_PREFIX) && key.length > CUSTOM_FIELD_PREFIX.length);
}

export function switchOn(value: string | undefined): boolean {
  return value === 'enabled' || value === 'true';
}
