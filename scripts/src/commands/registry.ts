// The command table. Metadata lives here so that `--help` and usage errors never load a command's code;
// each `load` is a dynamic import, so `hook` and `status` never pull in ajv, swagger-parser or the trackers.
import type { FlagSpecs } from '../core/args.js';
import type { CommandRun } from '../core/context.js';

export interface CommandEntry {
  name: string;
  summary: string;
  usage: string[];
  flags: FlagSpecs;
  load: () => Promise<{ run: CommandRun }>;
  /** More --help text after the flags (loaded only for --help). */
  help?: () => Promise<string>;
}

const feature = { type: 'string', description: 'feature number (3, 003), directory name or slug' } as const;
const trackerSwitches: FlagSpecs = {
  jira: { type: 'boolean', description: 'JIRA' },
  confluence: { type: 'boolean', description: 'Confluence' },
  linear: { type: 'boolean', description: 'Linear' },
  github: { type: 'boolean', description: 'GitHub Issues' },
  all: { type: 'boolean', description: 'every configured integration' },
};

export const COMMANDS: CommandEntry[] = [
  {
    name: 'init',
    summary: 'create the local structure (idempotent) and report each integration',
    usage: ['init [--test-integrations]'],
    flags: { 'test-integrations': { type: 'boolean', description: 'also run live checks of configured trackers' } },
    load: () => import('./init/index.js'),
  },
  {
    name: 'new',
    summary: 'allocate the next ###-slug and create its spec.md; switch to a feature branch in git',
    usage: ['new "<title>" [--sync] [--branch | --no-branch]', 'new --stdin  (the title on standard input: no shell quoting)'],
    flags: {
      stdin: { type: 'boolean', description: 'read the title from standard input (e.g. a quoted heredoc), exactly as given' },
      sync: { type: 'boolean', description: 'sync the new feature to the configured trackers right away (as sync --feature)' },
      branch: { type: 'boolean', description: 'create and switch to the feature branch (default in git)' },
      'no-branch': { type: 'boolean', description: 'do not touch git branches' },
    },
    load: () => import('./new/index.js'),
  },
  {
    name: 'task',
    summary: 'check or uncheck a task in tasks.md',
    usage: ['task done <T001> [--feature=N]', 'task undo <T001> [--feature=N]'],
    flags: { feature },
    load: () => import('./task/index.js'),
  },
  {
    name: 'decision',
    summary: 'append a decision record to .spec-memory/DECISIONS-LOG.md',
    usage: ['decision "<title>" [--feature=N] [--body=…]'],
    flags: { feature, body: { type: 'string', description: 'context, the choice and its consequences' } },
    load: () => import('./decision/index.js'),
  },
  {
    name: 'status',
    summary: 'current feature, phase, task progress, integration health and last sync',
    usage: ['status [--feature=N] [--json]'],
    flags: { feature },
    load: () => import('./status/index.js'),
  },
  {
    name: 'validate',
    summary: 'check artifacts, configuration and OpenAPI files',
    usage: ['validate [--feature=N | --all] [--config] [--openapi]'],
    flags: {
      feature,
      all: { type: 'boolean', description: 'every feature' },
      config: { type: 'boolean', description: 'the SPEC_* configuration' },
      openapi: { type: 'boolean', description: 'openapi.yaml files' },
    },
    load: () => import('./validate/index.js'),
  },
  {
    name: 'test-integration',
    summary: 'live checks: auth, project/space/team/repo access, permission to create',
    usage: ['test-integration --jira | --confluence | --linear | --github | --all'],
    flags: trackerSwitches,
    load: () => import('./test-integration/index.js'),
  },
  {
    name: 'sync',
    summary: 'create or update remote items and write links back to frontmatter',
    usage: [
      'sync --feature=N | --features=N,M | --all-features | --pending (or --later) [--batch] [--dry-run] [--only=jira,confluence,linear,github] [--force]',
    ],
    flags: {
      feature,
      features: { type: 'string', description: 'comma-separated features' },
      'all-features': { type: 'boolean', description: 'every feature' },
      pending: { type: 'boolean', description: 'retry exactly what failed before' },
      later: { type: 'boolean', description: 'the same as --pending (the seed guide\'s spelling)', sets: { pending: true } },
      batch: { type: 'boolean', description: 'use bulk APIs and pace by rate limits' },
      'dry-run': { type: 'boolean', description: 'print the plan, write nothing' },
      only: { type: 'string', description: 'comma-separated trackers: jira,confluence,linear,github' },
      force: { type: 'boolean', description: 'overwrite remote items edited since the last sync' },
    },
    load: () => import('./sync/index.js'),
  },
  {
    name: 'pull',
    summary: 'remote → local only: states brought back; remote edits shown as a diff, merged three-way with --apply',
    usage: ['pull [--feature=N | --features=N,M | --all-features] [--apply] [--json]'],
    flags: {
      feature,
      features: { type: 'string', description: 'comma-separated features' },
      'all-features': { type: 'boolean', description: 'every feature' },
      apply: { type: 'boolean', description: 'merge remote edits into the local files (git merge-file semantics)' },
    },
    load: () => import('./pull/index.js'),
  },
  {
    name: 'publish',
    summary: 'publish plan.md as a Confluence page',
    usage: ['publish --confluence --feature=N [--update]', 'publish --confluence-update --feature=N'],
    flags: {
      confluence: { type: 'boolean', description: 'publish to Confluence' },
      feature,
      update: { type: 'boolean', description: 'update an existing page of the same title' },
      'confluence-update': { type: 'boolean', description: 'the same as --confluence --update (the seed guide\'s spelling)', sets: { confluence: true, update: true } },
    },
    load: () => import('./publish/index.js'),
  },
  {
    name: 'export',
    summary: 'print tracker payloads to stdout, for manual or MCP use',
    usage: ['export spec|plan|tasks --format=confluence|adf|jira|github-issues|linear [--feature=N] [--all]'],
    flags: {
      format: { type: 'string', description: 'confluence, adf, jira, github-issues or linear' },
      feature,
      all: { type: 'boolean', description: 'tasks --format=github-issues: done tasks too (default: open tasks only)' },
    },
    load: () => import('./export/index.js'),
  },
  {
    name: 'link',
    summary: 'record a link made by hand or through an MCP tool',
    usage: ['link --feature=N --jira=KEY | --confluence=ID | --linear=ID | --github=T001:12 [--force]'],
    flags: {
      feature,
      jira: { type: 'string', description: 'JIRA issue key, e.g. PROJ-123' },
      confluence: { type: 'string', description: 'Confluence page id' },
      linear: { type: 'string', description: 'Linear issue identifier or id, e.g. ENG-42' },
      github: { type: 'string', description: 'task and issue number, e.g. T001:12 (comma-separated)' },
      url: { type: 'string', description: 'the item URL, when it cannot be derived from config' },
      force: { type: 'boolean', description: 'replace a link the feature already has' },
    },
    load: () => import('./link/index.js'),
  },
  {
    name: 'audit',
    summary: 'features lacking links, or changed since their last sync',
    usage: ['audit --missing-integrations [--json]'],
    flags: { 'missing-integrations': { type: 'boolean', description: 'list features without links, drift and deleted remote items (exit 1 when any is found, 0 when clean)' } },
    load: () => import('./audit/index.js'),
  },
  {
    name: 'hook',
    summary: "handle a Claude Code hook event (reads the hook JSON on stdin; never blocks)",
    usage: ['hook session-start | post-tool-use | stop'],
    flags: {},
    load: () => import('./hook/index.js'),
  },
  {
    name: 'sandbox',
    summary: 'run local emulators of JIRA, Confluence, Linear and GitHub',
    usage: ['sandbox [--port=N] [--gateway] [--tls-cert=FILE --tls-key=FILE] [--faults=service:fault,…] [--limits=jira:100/min,…] [--clock-scale=60] [--search-lag=SECONDS] [--state=FILE]'],
    flags: {
      gateway: { type: 'boolean', description: 'print settings that reach Atlassian through the API gateway with a scoped token' },
      'tls-cert': { type: 'string', description: 'PEM certificate: the emulators answer https (with --tls-key)' },
      'tls-key': { type: 'string', description: 'PEM private key for --tls-cert' },
      port: { type: 'string', description: 'first port (default 4700); 0 picks free ports' },
      faults: { type: 'string', description: 'faults to inject, e.g. jira:auth,github:rate-limit (list below)' },
      limits: { type: 'string', description: 'request limits per service, e.g. jira:100/min,linear:1500/h,github-create:80/min' },
      'clock-scale': { type: 'string', description: 'emulated time runs this many times faster (rate-limit windows, search lag)' },
      'search-lag': { type: 'string', description: 'JIRA search sees new issues only after this many seconds, unless reconciled (default 0)' },
      state: { type: 'string', description: 'keep issues and pages in this JSON file across restarts' },
    },
    load: () => import('./sandbox/index.js'),
    help: () => import('../sandbox/help.js').then((m) => m.sandboxHelp()),
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
