// One per-feature label for every tracker: ≤ 50 characters (GitHub's limit), unchanged where it
// already fits, cut with a stable hash otherwise, never containing spaces (JIRA).
import { describe, expect, it } from 'vitest';
import { featureLabelOf, LABEL_MAX } from '../../scripts/src/workspace/label.js';
import { slugify } from '../../scripts/src/workspace/slug.js';

describe('featureLabelOf', () => {
  it('is unchanged where spec-<name> fits in 50 characters (existing links keep matching)', () => {
    expect(featureLabelOf('003-user-auth')).toBe('spec-003-user-auth');
    const exactly = `001-${'a'.repeat(41)}`; // spec- + 45 = 50
    expect(featureLabelOf(exactly)).toBe(`spec-${exactly}`);
  });
  it('cuts a long name to 50 characters with a stable hash of the whole name', () => {
    const name = `001-${slugify('User authentication with OAuth and SSO support and a remember-me option')}`;
    expect(`spec-${name}`.length).toBeGreaterThan(LABEL_MAX); // the reproduction: 55 characters today
    const label = featureLabelOf(name);
    expect(label.length).toBeLessThanOrEqual(LABEL_MAX);
    expect(label).toMatch(/^spec-001-user-authentication-with-oauth-and-[0-9a-f]{6}$/);
    expect(featureLabelOf(name)).toBe(label); // stable across runs
  });
  it('gives two long names with the same beginning different labels', () => {
    const a = `012-${'shared-beginning-'.repeat(3)}alpha`;
    const b = `012-${'shared-beginning-'.repeat(3)}beta`;
    expect(featureLabelOf(a)).not.toBe(featureLabelOf(b));
    expect(featureLabelOf(a).slice(0, 40)).toBe(featureLabelOf(b).slice(0, 40));
  });
  it('never contains whitespace and never ends the cut part in a dash', () => {
    expect(featureLabelOf('004-hand made name')).toBe('spec-004-hand-made-name');
    const dashy = `005-${'ab-'.repeat(20)}`;
    expect(featureLabelOf(dashy)).not.toMatch(/--|\s/);
    for (let n = 1; n < 120; n++) expect(featureLabelOf(`${String(n).padStart(3, '0')}-${'x'.repeat(n)}`).length).toBeLessThanOrEqual(LABEL_MAX);
  });
});
