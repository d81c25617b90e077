// The Confluence page for a feature's plan (or spec): v2 create-page body in storage format.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import type { FeatureRef } from '../../workspace/features.js';
import { featureLabel, publishableBody } from './feature-meta.js';
import type { ConfluencePagePayload } from './payload-types.js';
import { markdownToStorage } from './storage.js';

export interface ConfluenceOptions {
  space: string;
  rootPageId?: string;
}

/**
 * An invisible anchor at the end of every page we publish, naming the feature and document: a page
 * with our title is adopted as ours only when it carries this marker (otherwise the title is a conflict).
 */
export const pageMarker = (feature: FeatureRef, source: 'plan.md' | 'spec.md'): string =>
  `<ac:structured-macro ac:name="anchor"><ac:parameter ac:name="">${featureLabel(feature)}-${source === 'plan.md' ? 'plan' : 'spec'}</ac:parameter></ac:structured-macro>`;

export function confluenceTitle(snap: FeatureSnapshot, source: 'plan.md' | 'spec.md'): string {
  return `Feature ${snap.feature.id}: ${snap.title} - ${source === 'plan.md' ? 'Technical Plan' : 'Specification'}`;
}

/** undefined when the source document does not exist yet. */
export function buildConfluencePage(snap: FeatureSnapshot, source: 'plan.md' | 'spec.md', opts: ConfluenceOptions): ConfluencePagePayload | undefined {
  const doc = source === 'plan.md' ? snap.plan : snap.spec;
  if (!doc) return undefined;
  return {
    spaceKey: opts.space,
    status: 'current',
    title: confluenceTitle(snap, source),
    ...(opts.rootPageId ? { parentId: opts.rootPageId } : {}),
    body: { representation: 'storage', value: `${markdownToStorage(publishableBody(doc.body))}\n${pageMarker(snap.feature, source)}` },
    source,
  };
}
