import { describe, expect, it } from 'vitest';
import { parseStories } from '../../scripts/src/workspace/stories.js';

describe('parseStories', () => {
  it('reads heading stories with acceptance criteria', () => {
    const body = `# Spec\n\n## User Stories\n\n### US1 [P1] As a user, I want to log in\n\nAcceptance criteria:\n- AC1.1 Given a password, when I log in, then I see my home\n- AC1.2 Wrong password shows an error\n\n### US2 (P2): Reset password\n\n- Email arrives within a minute\n\n## Out of Scope\n\n- Not a story\n`;
    const stories = parseStories(body);
    expect(stories.map((s) => [s.id, s.priority, s.title])).toEqual([
      ['US1', 'P1', 'As a user, I want to log in'],
      ['US2', 'P2', 'Reset password'],
    ]);
    expect(stories[0]?.criteria.map((c) => c.id)).toEqual(['AC1.1', 'AC1.2']);
    expect(stories[1]?.criteria).toEqual([{ id: 'US2#1', text: 'Email arrives within a minute', line: 13 }]);
  });

  it('reads list-item stories with nested criteria', () => {
    const body = `- US1: Sign up\n  - AC1.1 Form validates email\n- US2: Sign in\n  - works\n- unrelated item\n`;
    const stories = parseStories(body);
    expect(stories.map((s) => [s.id, s.criteria.length])).toEqual([
      ['US1', 1],
      ['US2', 1],
    ]);
  });
});
