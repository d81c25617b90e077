// `new --from`: a remote description folded into the spec template: stories and acceptance criteria
// recognised, everything else kept under "From <key>".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldIntoSpec, splitDescription } from '../../scripts/src/workspace/from-spec.js';
import { parseStories } from '../../scripts/src/workspace/stories.js';
import { renderTemplate } from '../../scripts/src/workspace/templates.js';
import { REPO } from '../helpers/project.js';

const DESCRIPTION = [
  'Customers lock themselves out and call support.',
  '',
  'As a customer, I want to reset my password by e-mail, so that I can get back in without calling support.',
  '',
  '**Acceptance criteria:**',
  '- Given a registered e-mail, when I ask for a reset, then a link arrives within a minute',
  '- The link expires after 1 hour',
  '',
  'h2. Notes from the PM',
  '',
  '- Legal wants an audit trail',
  '- Given an unknown e-mail, when I ask for a reset, then the page says the same as for a known one',
  '',
  '```',
  'As a bot, I want nothing, so that this stays code',
  '```',
].join('\n');

describe('splitDescription', () => {
  it('finds the story, its criteria (listed or Given/When/Then), and keeps the rest in order', () => {
    const s = splitDescription(DESCRIPTION);
    expect(s.stories).toEqual([
      {
        title: 'As a customer, I want to reset my password by e-mail, so that I can get back in without calling support',
        criteria: ['Given a registered e-mail, when I ask for a reset, then a link arrives within a minute', 'The link expires after 1 hour', 'Given an unknown e-mail, when I ask for a reset, then the page says the same as for a known one'],
      },
    ]);
    expect(s.rest).toBe('Customers lock themselves out and call support.\n\nh2. Notes from the PM\n\n- Legal wants an audit trail\n\n```\nAs a bot, I want nothing, so that this stays code\n```');
  });

  it('keeps a description with no stories whole', () => {
    expect(splitDescription('Just prose.\n\n- a list\n')).toEqual({ stories: [], rest: 'Just prose.\n\n- a list' });
  });
});

describe('foldIntoSpec', () => {
  const template = readFileSync(join(REPO, 'workflow', 'templates', 'spec.md'), 'utf8');
  const filled = renderTemplate(template, { title: 'Password reset', id: '004', feature: '004-proj-123-password-reset', date: '2026-12-01', branch: 'feature/PROJ-123-password-reset' });

  it('writes the stories in the template form that parseStories reads, the summary, and the From section', () => {
    const spec = foldIntoSpec(filled, { label: 'PROJ-123', url: 'https://acme.atlassian.net/browse/PROJ-123', markdown: DESCRIPTION }, 'Password reset');
    const stories = parseStories(spec);
    expect(stories.map((s) => [s.id, s.priority, s.criteria.map((c) => c.id)])).toEqual([['US1', 'P1', ['AC1.1', 'AC1.2', 'AC1.3']]]);
    expect(spec).not.toContain('As a <role>');
    expect(spec).toContain('## Summary\n\nCustomers lock themselves out and call support.\n');
    expect(spec).toContain('## From PROJ-123\n\nImported from [PROJ-123](https://acme.atlassian.net/browse/PROJ-123)');
    expect(spec.indexOf('## From PROJ-123')).toBeLessThan(spec.indexOf('## Edge Cases'));
    expect(spec).toContain('- Legal wants an audit trail');
    expect(spec).toContain('As a bot, I want nothing');
  });

  it('leaves the template stories alone when the item has none, and keeps every line under From', () => {
    const spec = foldIntoSpec(filled, { label: 'ENG-12', markdown: 'Only prose here.' }, 'Password reset');
    expect(spec).toContain('### US1 [P1] As a <role>');
    expect(spec).toContain('## From ENG-12\n\nImported from ENG-12');
    expect(spec).toContain('Only prose here.');
  });
});
