// `spec pull`: remote → local only. Each tracker's inbound read (the same `reconcile` every sync starts
// with, told to send nothing) brings states back into the local files; items edited remotely since our
// last write come back as a unified diff of their body, and with `apply` are merged into the local file
// three-way (base: what we last wrote; ours: the file; theirs: the remote), conflict markers on a real
// conflict. Returns data; the command prints.
import { loadConfig, type Config } from '../config/load.js';
import type { CommandContext } from '../core/context.js';
import { readPending } from '../state/pending.js';
import type { AdapterContext, AdapterFactory, ReconcileChange, RemoteEdit, Tracker } from '../trackers/contract.js';
import { instantiate } from '../trackers/load.js';
import { snapshot, type FeatureSnapshot } from '../workspace/documents.js';
import { listFeatures, resolveFeature } from '../workspace/features.js';
import { findProjectRoot } from '../workspace/root.js';
import { mergeThreeWay } from '../workspace/three-way.js';
import { unifiedDiff } from '../workspace/unified-diff.js';
import { editDoc, setFrontmatter } from '../workspace/write-doc.js';
import { selectFeatures, selectTrackers, type Selection } from './planner.js';

export interface PulledEdit {
  edit: RemoteEdit;
  /** The remote change to the body: last sync → remote now. */
  diff: string;
  titleChange?: { from: string; to: string };
  applied?: { file: string; conflicts: number; title: 'taken' | 'kept' | 'conflict' | 'same' };
}

export interface PullReport {
  changes: ReconcileChange[];
  edits: PulledEdit[];
  code: number;
}

async function applyEdit(snap: FeatureSnapshot, edit: RemoteEdit): Promise<NonNullable<PulledEdit['applied']>> {
  const doc = edit.file === 'plan.md' ? snap.plan : snap.spec;
  if (!doc) return { file: `features/${snap.feature.name}/${edit.file}`, conflicts: 0, title: 'same' };
  const base = edit.base[edit.bodyField] ?? '';
  const theirs = edit.theirs[edit.bodyField] ?? '';
  const merged = await mergeThreeWay({ base, ours: doc.body, theirs, labels: { ours: doc.display, base: `last sync (${edit.label})`, theirs: edit.label } });
  let conflicts = merged.conflicts;
  editDoc(doc.path, doc.display, (text) => (text.endsWith(doc.body) ? text.slice(0, text.length - doc.body.length) + merged.text : text));
  // The title: take theirs when ours did not move; both moved differently is one more conflict.
  const baseTitle = edit.base[edit.titleField] ?? '';
  const theirTitle = edit.theirs[edit.titleField] ?? '';
  const ourTitle = typeof doc.data.title === 'string' ? doc.data.title : baseTitle;
  let title: 'taken' | 'kept' | 'conflict' | 'same' = 'same';
  if (theirTitle !== baseTitle && theirTitle !== ourTitle) {
    if (ourTitle === baseTitle) {
      setFrontmatter(doc.path, doc.display, { title: theirTitle });
      title = 'taken';
    } else {
      title = 'conflict';
      conflicts++;
    }
  } else if (ourTitle !== baseTitle) title = 'kept';
  return { file: doc.display, conflicts, title };
}

export async function runPull(ctx: CommandContext, options: { adapters: (config: Config, trackers: readonly Tracker[]) => Promise<Partial<Record<Tracker, AdapterFactory>>>; selection: Selection; apply: boolean }): Promise<PullReport> {
  const root = findProjectRoot(ctx.cwd);
  const config = loadConfig(root, ctx.env);
  const features = selectFeatures(listFeatures(root), options.selection, readPending(root), (q) => resolveFeature(root, q));
  const { trackers } = selectTrackers(config, options.selection.only);
  const actx: AdapterContext = { root, config, env: ctx.env, batch: true, inboundOnly: true };
  const adapters = instantiate(await options.adapters(config, trackers), trackers, actx);
  let snaps = features.map(snapshot);
  const changes: ReconcileChange[] = [];
  for (const t of trackers) changes.push(...((await adapters[t]?.reconcile?.(snaps)) ?? []));
  snaps = features.map(snapshot);
  const edits: PulledEdit[] = [];
  let code = 0;
  for (const t of trackers) {
    const adapter = adapters[t];
    for (const edit of (await adapter?.remoteEdits?.(snaps)) ?? []) {
      const diff = unifiedDiff(edit.base[edit.bodyField] ?? '', edit.theirs[edit.bodyField] ?? '', { from: `last sync (${edit.label})`, to: edit.label });
      const from = edit.base[edit.titleField] ?? '';
      const to = edit.theirs[edit.titleField] ?? '';
      const pulled: PulledEdit = { edit, diff, ...(from !== to ? { titleChange: { from, to } } : {}) };
      if (options.apply) {
        const snap = snaps.find((s) => s.feature.name === edit.feature.name) as FeatureSnapshot;
        pulled.applied = await applyEdit(snap, edit);
        if (pulled.applied.conflicts) code = 1;
        else adapter?.acceptRemote?.(edit);
      }
      edits.push(pulled);
    }
  }
  return { changes, edits, code };
}
