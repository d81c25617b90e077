// The per-feature label (`spec-003-user-auth`): on every remote item of a feature, and the key that
// finds an item again when its link was lost. GitHub refuses label names over 50 characters
// ("name is too long (maximum is 50 characters)", github/docs#32156), so one rule serves every tracker:
// the label is unchanged where it fits (existing links keep matching), else it is cut and ends in a
// short hash of the whole name, so two long names that share a beginning never share a label.
// JIRA labels may not contain spaces: whitespace becomes '-'.
import { createHash } from 'node:crypto';

export const LABEL_MAX = 50;
const PREFIX = 'spec-';
const HASH_LENGTH = 6;

/** `003-user-auth` → `spec-003-user-auth`; over 50 characters → `spec-<start of name>-<6 hex>`. */
export function featureLabelOf(featureName: string): string {
  const name = featureName.trim().replace(/\s+/g, '-');
  const full = `${PREFIX}${name}`;
  if (full.length <= LABEL_MAX) return full;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  const room = LABEL_MAX - PREFIX.length - 1 - HASH_LENGTH;
  const start = name.slice(0, room).replace(/-+$/, '');
  return `${PREFIX}${start}-${hash}`;
}
