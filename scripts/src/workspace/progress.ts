// .spec-memory/WORKFLOW-PROGRESS.md, derived from the feature files: regenerated whole by the commands
// that change features (new, task, init, sync's reconcile), and updated by one row by the hooks, which
// run on every edit and every turn and must not read every feature to change one.
import { readTextIfExists } from '../core/text-file.js';
import { writeFileAtomic } from '../state/atomic.js';
import { withLockSync } from '../state/lock.js';
import { PROGRESS_HEADER, writeProgress } from '../state/memory.js';
import { statePaths } from '../state/paths.js';
import { listFeatures, type FeatureRef } from './features.js';
import { snapshot, type FeatureSnapshot } from './documents.js';

const TABLE_HEAD = ['| Feature | Title | Phase | Tasks | Links |', '|---|---|---|---|---|'];

function row(s: FeatureSnapshot): string {
  const links = [s.spec?.data.jira_id, s.spec?.data.linear_id, s.plan?.data.confluence_page_id ? `Confluence ${String(s.plan.data.confluence_page_id)}` : undefined]
    .filter(Boolean)
    .join(', ');
  const tasks = s.progress.total ? `${s.progress.done}/${s.progress.total} (${s.progress.percent}%)` : '-';
  return `| ${s.feature.name} | ${s.title.replace(/\|/g, '\\|')} | ${s.phase} | ${tasks} | ${links || '-'} |`;
}

/** `features` and `known`: the caller's listing of features/ and a snapshot it has taken already. */
export function progressTable(root: string, features: FeatureRef[] = listFeatures(root), known?: FeatureSnapshot): string {
  const rows = features.map((f) => row(known && f.name === known.feature.name ? known : snapshot(f)));
  if (!rows.length) return 'No features yet.\n';
  return [...TABLE_HEAD, ...rows].join('\n') + '\n';
}

export function refreshProgress(root: string, features?: FeatureRef[], known?: FeatureSnapshot): boolean {
  return writeProgress(root, progressTable(root, features, known));
}

/**
 * The hooks' update: replace `known`'s row in the table as written, reading no other feature. The whole
 * table is regenerated instead when it is missing or not ours, or when its rows are not exactly the
 * features in `features` (one added, removed or renamed since). Read and write happen under the file's
 * lock, so two hooks updating different rows at once both land.
 */
export function refreshProgressRow(root: string, features: FeatureRef[], known: FeatureSnapshot): boolean {
  const file = statePaths(root).progress;
  const display = '.spec-memory/WORKFLOW-PROGRESS.md';
  const prefix = `${PROGRESS_HEADER}\n${TABLE_HEAD.join('\n')}\n`;
  const updated = withLockSync(file, (): boolean | 'regenerate' => {
    const text = readTextIfExists(file, display);
    if (!text?.startsWith(prefix) || !text.endsWith('\n')) return 'regenerate';
    const rows = text.slice(prefix.length, -1).split('\n');
    if (rows.length !== features.length) return 'regenerate';
    let at = -1;
    for (let i = 0; i < rows.length; i++) {
      const name = (features[i] as FeatureRef).name;
      if (!(rows[i] as string).startsWith(`| ${name} | `)) return 'regenerate';
      if (name === known.feature.name) at = i;
    }
    if (at < 0) return 'regenerate';
    const line = row(known);
    if (rows[at] === line) return false;
    rows[at] = line;
    writeFileAtomic(file, `${prefix}${rows.join('\n')}\n`, display);
    return true;
  });
  return updated === 'regenerate' ? refreshProgress(root, features, known) : updated;
}
