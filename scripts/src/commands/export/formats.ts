// Which document exports in which format, and the pure function that builds each payload. These are
// exactly the payloads sync sends (same builders), for manual pasting or an MCP tool.
import type { Config } from '../../config/load.js';
import { markdownToAdf } from '../../trackers/render/adf.js';
import { buildConfluencePage } from '../../trackers/confluence/payload.js';
import { publishableBody } from '../../trackers/render/feature-meta.js';
import { buildGithubIssues } from '../../trackers/github/payload.js';
import { buildJiraIssue } from '../../trackers/jira/payload.js';
import { issueOptions, type DesireContext } from '../../sync/desired.js';
import { buildLinearIssue, buildLinearTaskIssues } from '../../trackers/linear/payload.js';
import { markdownToStorage } from '../../trackers/render/storage.js';
import type { FeatureSnapshot } from '../../workspace/documents.js';

export type DocKind = 'spec' | 'plan' | 'tasks';
export type Format = 'confluence' | 'adf' | 'jira' | 'github-issues' | 'linear';

export const VALID: Record<DocKind, Format[]> = {
  spec: ['adf', 'jira', 'confluence', 'linear'],
  plan: ['adf', 'confluence'],
  tasks: ['github-issues', 'linear'],
};

export const validCombinations = (): string =>
  (Object.entries(VALID) as Array<[DocKind, Format[]]>).map(([d, fs]) => `${d} --format=${fs.join('|')}`).join('; ');

export interface ExportInput {
  snap: FeatureSnapshot;
  /** tasks --format=github-issues: include done tasks too (by default only open ones, as sync creates). */
  allTasks?: boolean;
  config: Config;
  /** The integration templates, read as sync reads them. */
  templates: DesireContext;
}

export interface Exported {
  /** Printed as is (storage XHTML) or as JSON. */
  text: string;
  /** The Confluence page title, for a page made by hand. */
  title?: string;
  warnings: string[];
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** Placeholders for unset config, so a manual export still shows where a value goes. */
function configured(value: string | undefined, key: string, warnings: string[]): string {
  if (value) return value;
  warnings.push(`Warning: ${key} is not set; the payload holds the placeholder <${key}>`);
  return `<${key}>`;
}

export function exportPayload(doc: DocKind, format: Format, input: ExportInput): Exported {
  const { snap, config } = input;
  const warnings: string[] = [];
  const source = doc === 'spec' ? snap.spec : doc === 'plan' ? snap.plan : snap.tasksDoc;
  const body = publishableBody(source?.body);
  switch (`${doc}:${format}`) {
    case 'spec:adf':
    case 'plan:adf':
      return { text: json(markdownToAdf(body)), warnings };
    case 'spec:confluence':
    case 'plan:confluence': {
      const page = buildConfluencePage(snap, doc === 'plan' ? 'plan.md' : 'spec.md', issueOptions(input.templates, snap).confluence);
      if (!page) return { text: markdownToStorage(body), warnings };
      // A page made by hand needs its title too: an XML comment keeps the storage body pasteable.
      return { text: `<!-- Confluence page title: ${page.title.replace(/--/g, '- -')} -->\n${page.body.value}\n`, title: page.title, warnings };
    }
    case 'spec:jira': {
      const built = buildJiraIssue(snap, { ...issueOptions(input.templates, snap).jira, projectKey: configured(config.jira.projectKey, 'SPEC_JIRA_PROJECT_KEY', warnings) });
      return { text: json(built.payload), warnings: [...warnings, ...built.warnings.map((w) => `Warning: ${w}`)] };
    }
    case 'spec:linear':
    case 'tasks:linear': {
      const opts = { ...issueOptions(input.templates, snap).linear, teamId: configured(config.linear.teamId, 'SPEC_LINEAR_TEAM_ID', warnings) };
      const payload = doc === 'spec' ? buildLinearIssue(snap, opts) : buildLinearTaskIssues(snap, opts).map((i) => i.payload);
      return { text: json(payload), warnings };
    }
    case 'tasks:github-issues': {
      const issues = buildGithubIssues(snap, issueOptions(input.templates, snap).github).filter((i) => input.allTasks || !i.task.done);
      return { text: json(issues.map((i) => ({ task: i.task.id, ...i.payload }))), warnings };
    }
  }
  throw new Error(`unreachable export ${doc}:${format}`);
}
