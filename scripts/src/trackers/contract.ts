/**
 * # The adapter contract: how a tracker plugs into the sync engine
 *
 * The engine (`sync/`) knows nothing about HTTP. It decides WHAT to do; an adapter (in
 * `trackers/<name>/adapter.ts`) does it against one tracker. This file is the only thing both sides share,
 * and it lives here so `trackers/` never imports `sync/`. One sync run goes like this:
 *
 * 1. **Declare** — `desiredItems(tracker, snapshot, config, root)` (sync/desired.ts) turns a feature into
 *    the items it should have remotely, built by the pure payload builders in `trackers/render/`:
 *    | tracker    | key                        | item    | payload                 | link lives in            |
 *    |------------|----------------------------|---------|-------------------------|--------------------------|
 *    | jira       | `003-slug/jira/story`      | `story` | JiraIssuePayload        | spec.md jira_id/jira_url |
 *    | confluence | `003-slug/confluence/plan` | `page`  | ConfluencePagePayload   | plan.md confluence_*     |
 *    |            | `003-slug/confluence/spec` | `spec-page` (SPEC_CONFLUENCE_PUBLISH_SPEC) | spec.md |
 *    | linear     | `003-slug/linear/issue`    | `issue` | LinearIssuePayload      | spec.md linear_id/url    |
 *    |            | `003-slug/linear/T001`     | `T001`  | (SPEC_LINEAR_TASK_ISSUES) parentKey → the issue | journal only |
 *    | github     | `003-slug/github/T001`     | `T001`  | GithubIssuePayload      | tasks.md github_issues   |
 *    Each item carries `hash` (sha256 of what would be sent) and `linked` (the remote id already recorded).
 * 2. **Reconcile** (optional, skipped by --dry-run) — `adapter.reconcile(features)` may change local files
 *    from remote state first (GitHub: a closed issue checks its task). The engine re-reads the features after.
 * 3. **Plan** — `planSync()` (sync/planner.ts, pure) gives every item one action:
 *    `create` (not linked, no trace), `update` (linked, hash differs from the journal), `noop` (linked and
 *    unchanged: NO call at all), `adopt` (not linked but the journal shows an unfinished create, or a remote
 *    id whose link was lost: look it up with `findOrphan` before creating anything).
 * 4. **Execute** — `executePlan()` (sync/executor.ts) runs each tracker's actions independently:
 *    - before every create it writes an INTENT to `.spec-state/sync-journal.json`;
 *    - `adapter.create(batch)` with up to `adapter.batchSize` items (Jira bulk ≤ 50, Linear
 *      issueBatchCreate ≤ 50, 1 = one call per item); items with a `parentKey` run after their parent
 *      and get `item.parent` filled in;
 *    - `adapter.writeBack(item, remote)` records the link through `workspace/links.ts`, then the journal
 *      stores `{hash, remoteId}` and clears the intent;
 *    - a `TrackerError` fails only its item (recorded in `.spec-state/sync-pending.json`, the error log and
 *      the session); a `rate-limit` error that reaches the engine means the transport already waited
 *      its one time, so the rest of that tracker's items in this run are recorded as pending, not tried;
 *      other trackers carry on.
 *
 * ## Wiring a command
 * `commands/sync/index.ts` needs little more than
 * `const { code } = await runSync(ctx, { adapters: { jira: jiraAdapter, confluence: confluenceAdapter, … } }); return code;`
 * (sync/run.ts: flags → selection → reconcile → declare → plan → --dry-run print or execute → summary, exit
 * 1 when an item failed). `publish --confluence` passes `selection: { feature, only: 'confluence' }`.
 * `audit --missing-integrations` uses `auditIntegrations()` / `auditLines()` (sync/audit.ts).
 *
 * ## Writing an adapter
 * ```ts
 * export function jiraAdapter(ctx: AdapterContext): Adapter<'jira'> {
 *   const http = makeTransport(...);            // paced, retrying transport (trackers/transport.ts)
 *   return {
 *     tracker: 'jira', batchSize: ctx.batch ? 50 : 1,
 *     async findOrphan(item) { ... JQL labels = "spec-003-slug" ... },
 *     async create(items) { ... one bulk call; return one RemoteRef | TrackerError per item, same order },
 *     async update(item, remote) { ... PUT ...; return remote },
 *     writeBack(item, remote) { writeJiraLink(item.feature, remote.id, remote.url) },
 *   };
 * }
 * ```
 * Rules: never throw anything but `TrackerError` for a tracker failure (anything else is a bug and stops
 * the run); never write frontmatter except in `writeBack`; never retry a create yourself unless the
 * request surely never arrived (the engine's intent + `findOrphan` covers crashes).
 */
import type { Tracker } from '../config/keys.js';
import type { Config } from '../config/load.js';
import type { TrackerError } from './errors.js';
import type { ConfluencePagePayload, GithubIssuePayload, JiraIssuePayload, LinearIssuePayload } from './render/payload-types.js';
import type { FeatureSnapshot } from '../workspace/documents.js';
import type { FeatureRef } from '../workspace/features.js';

// The four names and their table live with the config keys (the lowest layer that needs them).
export { TRACKERS, TRACKER_NAMES, type Tracker } from '../config/keys.js';

export interface PayloadOf {
  jira: JiraIssuePayload;
  confluence: ConfluencePagePayload;
  linear: LinearIssuePayload;
  github: GithubIssuePayload;
}

/** An item on the tracker's side. */
export interface RemoteRef {
  /** JIRA key (`PROJ-123`), Confluence page id, Linear issue identifier/id, GitHub issue number as a string. */
  id: string;
  url?: string;
  /** How the summary names it: `PROJ-123`, `#12`, `ENG-7`; defaults to `id`. */
  display?: string;
  /** Confluence page version, for the next update's bump. */
  version?: number;
  /** Remote state the adapter read (GitHub `open`/`closed`), informative only. */
  state?: string;
  /**
   * The item exists but something around it failed (story created but not linked to epic EPIC-1):
   * a partial success, shown after the ✓ line and written to the error log.
   */
  warning?: string;
}

export interface DesiredItem<T extends Tracker = Tracker> {
  /** Stable local key: `003-slug/jira/story`, `003-slug/github/T001`. */
  key: string;
  tracker: T;
  feature: FeatureRef;
  /** The item's name in sync-pending.json and messages: `story`, `page`, `spec-page`, `issue`, or a task id. */
  item: string;
  /** Human words for the summary: `JIRA story`, `GitHub issue T001`. */
  label: string;
  /** The task this item mirrors (GitHub issues, Linear sub-issues). */
  taskId?: string;
  /** GitHub: the task is checked, so its issue should be closed (part of the hash). */
  done?: boolean;
  payload: PayloadOf[T];
  /** sha256 hex of the payload (and `done`): what would be sent. */
  hash: string;
  /** The remote item this one is already linked to (frontmatter, or the journal for items with no frontmatter home). */
  linked?: RemoteRef;
  /** The link has no frontmatter home (Linear task sub-issues): the journal's remote id is the link. */
  linkInJournal?: boolean;
  /** Key of an item that must exist first (Linear task sub-issue → the feature's issue). */
  parentKey?: string;
  /** Filled in by the executor before create/update when `parentKey` is set. */
  parent?: RemoteRef;
}

/** What an adapter gets when the sync command builds it. */
export interface AdapterContext {
  root: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  /** `--batch`: use bulk endpoints and pace by rate-limit headers. */
  batch: boolean;
  /** `--force`: overwrite a remote item even though someone edited it since our last write. */
  force?: boolean;
  /** Inbound only (`spec pull`): read remote state into local files, send nothing. */
  inboundOnly?: boolean;
}

export interface ReconcileChange {
  feature: FeatureRef;
  /** One line for the summary: `T003 checked (GitHub #14 closed)`. */
  message: string;
  /** How the line reads: `←` a remote change brought in (default), `→` status sent out, `!` a warning. */
  direction?: 'in' | 'out' | 'warn';
}

export interface Adapter<T extends Tracker = Tracker> {
  readonly tracker: T;
  /** Most items one `create` call may receive (Jira bulk and Linear batch: 50; otherwise 1). */
  readonly batchSize: number;
  /** Optional one-time set-up before the first call (resolve the Confluence space id, Linear team, milestones). */
  prepare?(items: Array<DesiredItem<T>>): Promise<void>;
  /**
   * Look the item up remotely by the feature label `spec-003-<slug>` (and, for task issues, the hidden
   * marker `<!-- spec:003-slug:T001 -->` or the `T001:` title prefix). Called before creating an item whose
   * previous create may have happened without its write-back. Return undefined when nothing matches.
   */
  findOrphan(item: DesiredItem<T>): Promise<RemoteRef | undefined>;
  /** Create up to `batchSize` items; return one result per item, in the same order (per-element failures as TrackerError). */
  create(items: Array<DesiredItem<T>>): Promise<Array<RemoteRef | TrackerError>>;
  /** Make the remote item match `item.payload` (and `item.done`); return the (possibly refreshed) reference. */
  update(item: DesiredItem<T>, remote: RemoteRef): Promise<RemoteRef>;
  /** Record the link locally, through `workspace/links.ts` only. */
  writeBack(item: DesiredItem<T>, remote: RemoteRef): void | Promise<void>;
  /** Optional: bring local state in line with remote state before planning (GitHub closed issue → checked task). */
  reconcile?(features: FeatureSnapshot[]): Promise<ReconcileChange[]>;
  /** Optional, for `spec pull`: linked items edited remotely since our last write (after `reconcile` read them). */
  remoteEdits?(features: FeatureSnapshot[]): Promise<RemoteEdit[]>;
  /** Optional, for `spec pull --apply`: the merged remote version is now the base (what we last wrote). */
  acceptRemote?(edit: RemoteEdit): void;
  /** Optional, for `audit`: whether the linked remote item still exists (false on 404); one read, no write. */
  remoteExists?(item: DesiredItem<T>, remote: RemoteRef): Promise<boolean>;
}

/** A linked item someone edited remotely: the fields we last wrote (the merge base) and theirs now. */
export interface RemoteEdit {
  feature: FeatureRef;
  /** Local item key (`003-slug/jira/story`). */
  key: string;
  /** `JIRA PROJ-123`. */
  label: string;
  remoteId: string;
  /** The local file it mirrors and how the fields map onto it. */
  file: 'spec.md' | 'plan.md';
  /** Names of the edited fields, in the tracker's words (`summary`, `description`). */
  fields: string[];
  /** Field name of the title and of the body among `base`/`theirs`. */
  titleField: string;
  bodyField: string;
  base: Record<string, string>;
  theirs: Record<string, string>;
}

export type AnyAdapter = { [T in Tracker]: Adapter<T> }[Tracker];

/** What a tracker folder's adapter.ts exports: builds its adapter for one run. */
export type AdapterFactory = (ctx: AdapterContext) => AnyAdapter;
