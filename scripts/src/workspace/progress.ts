// Regenerates .spec-memory/WORKFLOW-PROGRESS.md from the feature files.
import { writeProgress } from '../state/memory.js';
import { listFeatures, type FeatureRef } from './features.js';
import { snapshot, type FeatureSnapshot } from './documents.js';

/** `features` and `known`: the caller's listing of features/ and a snapshot it has taken already. */
export function progressTable(root: string, features: FeatureRef[] = listFeatures(root), known?: FeatureSnapshot): string {
  const rows = features.map((f) => {
    const s = known && f.name === known.feature.name ? known : snapshot(f);
    const links = [s.spec?.data.jira_id, s.spec?.data.linear_id, s.plan?.data.confluence_page_id ? `Confluence ${String(s.plan.data.confluence_page_id)}` : undefined]
      .filter(Boolean)
      .join(', ');
    const tasks = s.progress.total ? `${s.progress.done}/${s.progress.total} (${s.progress.percent}%)` : '-';
    return `| ${f.name} | ${s.title.replace(/\|/g, '\\|')} | ${s.phase} | ${tasks} | ${links || '-'} |`;
  });
  if (!rows.length) return 'No features yet.\n';
  return ['| Feature | Title | Phase | Tasks | Links |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

export function refreshProgress(root: string, features?: FeatureRef[], known?: FeatureSnapshot): boolean {
  return writeProgress(root, progressTable(root, features, known));
}
