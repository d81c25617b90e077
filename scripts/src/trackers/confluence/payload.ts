// The Confluence page for a feature's plan (or spec): v2 create-page body in storage format.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { FeatureRef } from '../../workspace/features.js';
import { featureLabel, publishableBody } from '../render/feature-meta.js';
import type { ConfluencePagePayload } from '../render/payload-types.js';
import { fillTemplate, type IssueTemplate } from '../render/issue-template.js';
import { templateValues } from '../render/feature-values.js';
import { markdownToStorage } from '../render/storage.js';

export interface ConfluenceOptions {
  space: string;
  rootPageId?: string;
  /** confluence-page-template.md (plan pages); absent → the built-in title, parent and layout. */
  template?: IssueTemplate;
  branch?: string;
}

/** The built-in plan page layout, and the body of the shipped confluence-page-template.md. */
export const DEFAULT_PLAN_PAGE = `> Generated from \`features/{{feature}}/plan.md\` (branch \`{{branch}}\`). Edit the file in git, not this
> page: the next publish replaces the page body.

{{plan}}
`;
const DEFAULT_PLAN_TITLE = 'Feature {{id}}: {{title}} - Technical Plan';

/**
 * An invisible anchor at the end of every page we publish, naming the feature and document: a page
 * with our title is adopted as ours only when it carries this marker (otherwise the title is a conflict).
 */
export const pageMarker = (feature: FeatureRef, source: 'plan.md' | 'spec.md'): string =>
  `<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">${featureLabel(feature)}-${source === 'plan.md' ? 'plan' : 'spec'}</ac:parameter></ac:structured-macro>`;

export function confluenceTitle(snap: FeatureSnapshot, source: 'plan.md' | 'spec.md'): string {
  return `Feature ${snap.feature.id}: ${snap.title} - ${source === 'plan.md' ? 'Technical Plan' : 'Specification'}`;
}

/**
 * undefined when the source document does not exist yet. The plan page follows the page template; a
 * spec page (SPEC_CONFLUENCE_PUBLISH_SPEC) is the spec as it is.
 */
export function buildConfluencePage(snap: FeatureSnapshot, source: 'plan.md' | 'spec.md', opts: ConfluenceOptions): ConfluencePagePayload | undefined {
  const doc = source === 'plan.md' ? snap.plan : snap.spec;
  if (!doc) return undefined;
  const t = source === 'plan.md' ? (opts.template ?? {}) : {};
  const values = { ...templateValues(snap, opts.branch), plan: publishableBody(doc.body).trim() };
  const title = source === 'plan.md' ? fillTemplate(t.title ?? DEFAULT_PLAN_TITLE, values) : confluenceTitle(snap, source);
  const markdown = source === 'plan.md' ? `${fillTemplate(t.body ?? DEFAULT_PLAN_PAGE, values)}\n` : publishableBody(doc.body);
  const parent = t.parent && t.parent !== 'root' ? t.parent : opts.rootPageId;
  return {
    spaceKey: opts.space,
    status: 'current',
    title,
    ...(parent ? { parentId: parent } : {}),
    body: { representation: 'storage', value: `${markdownToStorage(markdown)}\n${pageMarker(snap.feature, source)}` },
    source,
  };
}
