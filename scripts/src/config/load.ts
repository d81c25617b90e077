// CLAUDE.md SPEC_* lines + environment → one validated, typed Config.
import { join } from 'node:path';
import { readTextIfExists } from '../core/text-file.js';
import { isPlaceholder, parseClaudeMd } from './claude-md.js';
import { CUSTOM_FIELD_PREFIX, TRACKER_NAMES, KEYS, isKnownKey, isSecretKey, switchOn, type Tracker } from './keys.js';
import { readProxyEnv, type ProxyEnv } from './proxy-env.js';
import { redact, rememberSecrets, urlCredentials } from './redact.js';
import { suggestKey } from './suggest.js';
// Standalone ajv code generated at build time from config/schema.ts.
import validateSettings from './settings-validator.generated.js';

export interface Setting {
  key: string;
  value: string;
  origin: 'environment' | 'CLAUDE.md';
  line?: number;
}

export interface ConfigIssue {
  level: 'error' | 'warning';
  message: string;
  key?: string;
  line?: number;
}

export type IntegrationState = 'ready' | 'incomplete' | 'disabled';

export interface IntegrationStatus {
  name: Tracker;
  label: string;
  state: IntegrationState;
  /** Keys that must be set (or fixed) before the integration can run. */
  missing: string[];
  /** Why it is disabled, for "- Linear: not configured (…)" lines. */
  reason?: string;
}

export interface Config {
  settings: Map<string, Setting>;
  issues: ConfigIssue[];
  integrations: Record<Tracker, IntegrationStatus>;
  jira: {
    /** Site root: browse links. */
    url: string;
    /** API root: the site, or `<gateway>/ex/jira/<cloudId>` when SPEC_ATLASSIAN_CLOUD_ID is set. */
    apiUrl: string;
    email: string;
    token: string;
    projectKey: string;
    issueType: string;
    epic?: string;
    customFields: Record<string, string>;
    /** Move the story through the workflow as its tasks are done (SPEC_JIRA_TRANSITIONS). */
    transitions: boolean;
    /** The project's names for our priorities (SPEC_JIRA_PRIORITY_P1…P3). */
    priorities: { P1: string; P2: string; P3: string };
  };
  /** `url`: `<site>/wiki` (page links); `apiUrl`: the same, or `<gateway>/ex/confluence/<cloudId>/wiki`. */
  confluence: { url: string; apiUrl: string; email: string; token: string; space: string; rootPageId: string; publishSpec: boolean };
  linear: { url: string; apiKey: string; teamId: string; projectId?: string; labels: string[]; taskIssues: boolean };
  github: { apiUrl: string; token: string; owner: string; repo: string; milestones: boolean };
  http: { timeoutMs: number; rateLimitMaxWaitMs: number };
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY as read from the environment. */
  proxy: ProxyEnv;
  git: { branch: boolean; pattern: string; featureDirPattern: string };
  syncMode: 'auto' | 'manual';
  validateOnSave: boolean;
  /** Every secret value, for redaction. */
  secrets: string[];
}

function collect(root: string, env: NodeJS.ProcessEnv): { settings: Map<string, Setting>; issues: ConfigIssue[] } {
  const claudeMdPath = join(root, 'CLAUDE.md');
  const text = readTextIfExists(claudeMdPath, 'CLAUDE.md') ?? '';
  const parsed = parseClaudeMd(text);
  const settings = new Map<string, Setting>();
  const issues: ConfigIssue[] = [];
  for (const m of parsed.malformed) {
    issues.push({ level: 'warning', line: m.line, message: `CLAUDE.md:${m.line}: ignored malformed line "${m.text}": ${m.reason}` });
  }
  for (const s of parsed.settings) {
    if (settings.has(s.key)) {
      issues.push({ level: 'warning', key: s.key, line: s.line, message: `CLAUDE.md:${s.line}: ${s.key} is set again; this later value wins` });
    }
    settings.set(s.key, { key: s.key, value: s.value, origin: 'CLAUDE.md', line: s.line });
  }
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('SPEC_') || value === undefined || value === '') continue;
    settings.set(key, { key, value, origin: 'environment' });
  }
  // The seed's SPEC_JIRA_API_TOKEN and GitHub's usual variables are the same thing as ours.
  if (!settings.has('SPEC_GITHUB_TOKEN')) {
    const alias = env.GITHUB_TOKEN ? 'GITHUB_TOKEN' : env.GH_TOKEN ? 'GH_TOKEN' : undefined;
    if (alias) settings.set('SPEC_GITHUB_TOKEN', { key: 'SPEC_GITHUB_TOKEN', value: env[alias] as string, origin: 'environment' });
  }
  return { settings, issues };
}

function checkSettings(settings: Map<string, Setting>, issues: ConfigIssue[]): Set<string> {
  const invalid = new Set<string>();
  const where = (s: Setting) => (s.origin === 'CLAUDE.md' ? `CLAUDE.md:${s.line}` : 'environment');
  const raw: Record<string, string> = {};
  for (const s of settings.values()) {
    if (isKnownKey(s.key)) raw[s.key] = s.value;
    else if (s.origin === 'CLAUDE.md') {
      const guess = suggestKey(s.key);
      issues.push({
        level: 'warning',
        key: s.key,
        line: s.line,
        message: `${where(s)}: unknown key ${s.key}${guess ? ` (did you mean ${guess}?)` : ''}`,
      });
    }
    if (s.origin === 'CLAUDE.md' && isSecretKey(s.key)) {
      issues.push({
        level: 'warning',
        key: s.key,
        line: s.line,
        message: `${where(s)}: ${s.key} is stored in CLAUDE.md, which is usually committed; move it to an environment variable`,
      });
    }
    if (isPlaceholder(s.value)) {
      invalid.add(s.key);
      issues.push({ level: 'error', key: s.key, line: s.line, message: `${where(s)}: ${s.key} still holds the placeholder "${isSecretKey(s.key) ? '[hidden]' : s.value}"` });
    }
  }
  if (!validateSettings(raw)) {
    for (const e of (validateSettings as unknown as { errors: Array<{ instancePath: string }> }).errors) {
      const key = e.instancePath.slice(1);
      const s = settings.get(key);
      if (!s || invalid.has(key)) continue;
      invalid.add(key);
      const expect = key.startsWith(CUSTOM_FIELD_PREFIX)
        ? 'a field id such as customfield_10001'
        : /^[a-z]+:\/\/[^\s/?#]*@/i.test(s.value)
          ? 'a URL without user:password@ (credentials belong in the token settings, read from the environment)'
          : (KEYS[key]?.expect ?? 'a valid value');
      const shown = isSecretKey(key) ? '[hidden]' : `"${redact(s.value)}"`;
      issues.push({ level: 'error', key, line: s.line, message: `${where(s)}: ${key}=${shown} is not valid: expected ${expect}` });
    }
  }
  for (const key of ['SPEC_ATLASSIAN_URL', 'SPEC_ATLASSIAN_API_GATEWAY', 'SPEC_LINEAR_URL', 'SPEC_GITHUB_API_URL']) {
    const s = settings.get(key);
    if (!s || invalid.has(key)) continue;
    const host = /^http:\/\/([^/:?#]+|\[[^\]]+\])/i.exec(s.value)?.[1];
    if (host && !isLoopback(host)) {
      issues.push({ level: 'warning', key, line: s.line, message: `${where(s)}: ${key} uses http://; use https:// (the server's redirect to https drops the credentials, and they travel in clear)` });
    }
  }
  for (const s of settings.values()) {
    const range = KEYS[s.key]?.range;
    if (!range || invalid.has(s.key)) continue;
    const n = Number(s.value);
    if (n >= range[0] && n <= range[1]) continue;
    invalid.add(s.key);
    issues.push({ level: 'error', key: s.key, line: s.line, message: `${where(s)}: ${s.key}="${s.value}" is not valid: expected ${KEYS[s.key]?.expect}` });
  }
  return invalid;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function checkProxy(proxy: ProxyEnv, issues: ConfigIssue[]): void {
  for (const v of proxy.variables) {
    if (v.problem) issues.push({ level: 'error', key: v.key, message: `environment: ${v.key}=${v.shown} ${v.problem}` });
  }
}

export function loadConfig(root: string, env: NodeJS.ProcessEnv): Config {
  const { settings, issues } = collect(root, env);
  const invalid = checkSettings(settings, issues);
  const proxy = readProxyEnv(env);
  checkProxy(proxy, issues);
  const get = (key: string): string | undefined => {
    if (invalid.has(key)) return undefined;
    return settings.get(key)?.value ?? KEYS[key]?.defaultValue;
  };
  const str = (key: string) => get(key) ?? '';
  // An invalid value was reported above; behave as if it were unset.
  const orDefault = (key: string) => get(key) ?? KEYS[key]?.defaultValue ?? '';
  const need = (keys: Array<string | string[]>): string[] =>
    keys.filter((k) => (Array.isArray(k) ? k.every((x) => !get(x)) : !get(k))).map((k) => (Array.isArray(k) ? k[0] as string : k));

  const atlassianOn = switchOn(get('SPEC_ATLASSIAN_SYNC'));
  const atlassianCreds = ['SPEC_ATLASSIAN_URL', 'SPEC_ATLASSIAN_EMAIL', ['SPEC_ATLASSIAN_API_TOKEN', 'SPEC_JIRA_API_TOKEN']];
  const status = (name: Tracker, on: boolean, keys: Array<string | string[]>, reason: string): IntegrationStatus => {
    const missing = on ? need(keys) : [];
    const state: IntegrationState = !on ? 'disabled' : missing.length ? 'incomplete' : 'ready';
    return { name, label: TRACKER_NAMES[name], state, missing, ...(on ? {} : { reason }) };
  };
  const confluenceWanted = atlassianOn && Boolean(settings.get('SPEC_CONFLUENCE_SPACE') || settings.get('SPEC_CONFLUENCE_ROOT_PAGE_ID'));
  const githubSwitch = settings.get('SPEC_GITHUB_SYNC')?.value;
  const githubOn = githubSwitch === undefined ? Boolean(settings.get('SPEC_GITHUB_OWNER')) : switchOn(get('SPEC_GITHUB_SYNC'));

  const integrations: Record<Tracker, IntegrationStatus> = {
    jira: status('jira', atlassianOn, [...atlassianCreds, 'SPEC_JIRA_PROJECT_KEY'], 'SPEC_ATLASSIAN_SYNC not enabled'),
    confluence: status(
      'confluence',
      confluenceWanted,
      [...atlassianCreds, 'SPEC_CONFLUENCE_SPACE', 'SPEC_CONFLUENCE_ROOT_PAGE_ID'],
      atlassianOn ? 'SPEC_CONFLUENCE_SPACE and SPEC_CONFLUENCE_ROOT_PAGE_ID not set' : 'SPEC_ATLASSIAN_SYNC not enabled',
    ),
    linear: status('linear', switchOn(get('SPEC_LINEAR_SYNC')), ['SPEC_LINEAR_API_KEY', 'SPEC_LINEAR_TEAM_ID'], 'SPEC_LINEAR_SYNC not enabled'),
    github: status('github', githubOn, ['SPEC_GITHUB_TOKEN', 'SPEC_GITHUB_OWNER', 'SPEC_GITHUB_REPO'], 'SPEC_GITHUB_SYNC not enabled'),
  };

  const site = str('SPEC_ATLASSIAN_URL').replace(/\/+$/, '');
  const cloudId = get('SPEC_ATLASSIAN_CLOUD_ID');
  const gateway = str('SPEC_ATLASSIAN_API_GATEWAY').replace(/\/+$/, '');
  const viaGateway = (product: string) => `${gateway}/ex/${product}/${cloudId}`;
  const token = get('SPEC_ATLASSIAN_API_TOKEN') ?? str('SPEC_JIRA_API_TOKEN');
  const customFields: Record<string, string> = {};
  for (const s of settings.values()) {
    if (s.key.startsWith(CUSTOM_FIELD_PREFIX) && !invalid.has(s.key)) customFields[s.key.slice(CUSTOM_FIELD_PREFIX.length).toLowerCase()] = s.value;
  }
  const seconds = (key: string) => Number(get(key)) * 1000;
  // Secret values, and any password written into a URL setting (refused above, but never echoed either).
  const secrets = [...[...settings.values()].flatMap((s) => (isSecretKey(s.key) ? [s.value] : urlCredentials(s.value))), ...proxy.secrets];
  rememberSecrets(secrets);
  const epic = get('SPEC_JIRA_EPIC');
  const projectId = get('SPEC_LINEAR_PROJECT_ID');
  return {
    settings,
    issues,
    integrations,
    jira: { url: site, apiUrl: cloudId ? viaGateway('jira') : site, email: str('SPEC_ATLASSIAN_EMAIL'), token, projectKey: str('SPEC_JIRA_PROJECT_KEY'), issueType: str('SPEC_JIRA_ISSUE_TYPE'), customFields, transitions: switchOn(orDefault('SPEC_JIRA_TRANSITIONS')), priorities: { P1: str('SPEC_JIRA_PRIORITY_P1'), P2: str('SPEC_JIRA_PRIORITY_P2'), P3: str('SPEC_JIRA_PRIORITY_P3') }, ...(epic ? { epic } : {}) },
    confluence: {
      url: site ? `${site}/wiki` : '',
      apiUrl: cloudId ? `${viaGateway('confluence')}/wiki` : site ? `${site}/wiki` : '',
      email: str('SPEC_ATLASSIAN_EMAIL'),
      token,
      space: str('SPEC_CONFLUENCE_SPACE'),
      rootPageId: str('SPEC_CONFLUENCE_ROOT_PAGE_ID'),
      publishSpec: switchOn(get('SPEC_CONFLUENCE_PUBLISH_SPEC')),
    },
    linear: {
      url: str('SPEC_LINEAR_URL'),
      apiKey: str('SPEC_LINEAR_API_KEY'),
      teamId: str('SPEC_LINEAR_TEAM_ID'),
      labels: (get('SPEC_LINEAR_LABELS') ?? '').split(',').map((x) => x.trim()).filter(Boolean),
      taskIssues: switchOn(get('SPEC_LINEAR_TASK_ISSUES')),
      ...(projectId ? { projectId } : {}),
    },
    github: {
      apiUrl: str('SPEC_GITHUB_API_URL').replace(/\/+$/, ''),
      token: str('SPEC_GITHUB_TOKEN'),
      owner: str('SPEC_GITHUB_OWNER'),
      repo: str('SPEC_GITHUB_REPO'),
      milestones: switchOn(get('SPEC_GITHUB_MILESTONES')),
    },
    http: { timeoutMs: seconds('SPEC_HTTP_TIMEOUT_SECONDS'), rateLimitMaxWaitMs: seconds('SPEC_RATE_LIMIT_MAX_WAIT_SECONDS') },
    git: { branch: switchOn(get('SPEC_GIT_BRANCH')), pattern: str('SPEC_GIT_BRANCH_PATTERN'), featureDirPattern: orDefault('SPEC_FEATURE_DIR_PATTERN') },
    syncMode: get('SPEC_SYNC_MODE') === 'auto' ? 'auto' : 'manual',
    validateOnSave: switchOn(get('SPEC_VALIDATE_ON_SAVE')),
    proxy,
    secrets,
  };
}
