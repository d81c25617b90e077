// Which feature the user is on: --feature, else the session's, else the git branch's, else the newest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSession, type SessionData } from '../state/session.js';
import { listFeatures, resolveFeature, type FeatureRef } from './features.js';

/** Branch name from .git/HEAD without spawning git (hooks must be fast). */
export function gitBranch(root: string): string | undefined {
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    return head.startsWith('ref: refs/heads/') ? head.slice('ref: refs/heads/'.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `session` and `features`: what the caller has read already (the session is read here only when no
 * flag names the feature; features/ is listed here when no listing is given).
 */
export function currentFeature(root: string, options: { flag?: string | undefined; session?: SessionData; features?: FeatureRef[] }): FeatureRef | undefined {
  if (options.flag) return resolveFeature(root, options.flag, options.features);
  const sessionFeature = (options.session ?? readSession(root)).feature;
  const features = options.features ?? listFeatures(root);
  if (!features.length) return undefined;
  if (sessionFeature) {
    const hit = features.find((f) => f.name === sessionFeature);
    if (hit) return hit;
  }
  const branch = gitBranch(root);
  const fromBranch = branch ? features.find((f) => branch.includes(f.name)) : undefined;
  return fromBranch ?? features[features.length - 1];
}
