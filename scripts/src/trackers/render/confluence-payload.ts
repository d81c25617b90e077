// The Confluence page for a feature's plan (or spec): v2 create-page body in storage format.
import type { FeatureSnapshot } from '../../workspace/documents.js';
import { publishableBody } from './feature-meta.js';
import type { ConfluencePagePayload } from './payload-types.js';
import { markdownToStorage } from './storage.js';

export interface ConfluenceOptions {
  space: string;
  rootPageId?: string;
}

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
    body: { representation: 'storage', value: markdownToStorage(publishableBody(doc.body)) },
    source,
  };
}
