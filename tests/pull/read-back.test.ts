// What we send and what the tracker holds compare through the same conversion; transitions are
// chosen by the target's status category, never by name.
import { describe, expect, it } from 'vitest';
import { markdownToAdf } from '../../scripts/src/trackers/render/adf.js';
import { jiraFields, confluenceFields } from '../../scripts/src/trackers/render/read-back.js';
import { markdownToStorage } from '../../scripts/src/trackers/render/storage.js';
import { chooseTransition, goalFor } from '../../scripts/src/trackers/jira/transitions.js';

describe('read-back fields', () => {
  it('a description we sent reads back unchanged, and an edit shows as changed text', () => {
    const sent = jiraFields({ summary: 'Reset', description: markdownToAdf('# Reset\n\nUsers reset by **e-mail**.\n') });
    expect(sent).toEqual({ summary: 'Reset', description: '# Reset\n\nUsers reset by **e-mail**.\n' });
    const page = confluenceFields({ title: 'P', body: markdownToStorage('- [ ] a\n- [x] b\n') });
    expect(page.body).toBe('- [ ] a\n- [x] b\n');
  });
});

describe('JIRA transitions', () => {
  const list = [
    { id: '11', name: 'Start work', to: { statusCategory: { key: 'indeterminate' } } },
    { id: '41', name: 'Decline', to: { statusCategory: { key: 'done' } } },
    { id: '31', name: 'Ship it', to: { statusCategory: { key: 'done' } } },
  ];
  it('takes the first transition whose target is in the wanted category', () => {
    expect(chooseTransition(list, 'done')?.id).toBe('41');
    expect(chooseTransition(list, 'indeterminate')?.id).toBe('11');
    expect(chooseTransition([], 'done')).toBeUndefined();
  });
  it('wants done when every task is checked, in progress when a done story loses one', () => {
    expect(goalFor(3, 3, 'new')).toBe('done');
    expect(goalFor(3, 3, 'done')).toBeUndefined();
    expect(goalFor(2, 3, 'done')).toBe('indeterminate');
    expect(goalFor(2, 3, 'new')).toBeUndefined();
    expect(goalFor(0, 0, 'new')).toBeUndefined();
  });
});
