// The per-item copy of what we last wrote, and the edit check against it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedFields, fieldsHash, readWritten, recordWritten, writtenDir } from '../../scripts/src/state/last-written.js';
import { tempDir } from '../helpers/project.js';

describe('last written', () => {
  it('round-trips one file per item, and a damaged file reads as absent', () => {
    const root = tempDir();
    recordWritten(root, '003-reset/jira/story', 'PROJ-101', { summary: 'Reset', description: 'Body\n' });
    const w = readWritten(root, '003-reset/jira/story');
    expect(w).toMatchObject({ remoteId: 'PROJ-101', fields: { summary: 'Reset', description: 'Body\n' }, hash: fieldsHash({ description: 'Body\n', summary: 'Reset' }) });
    const file = join(writtenDir(root), '003-reset__jira__story.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('token');
    writeFileSync(file, '{broken');
    expect(readWritten(root, '003-reset/jira/story')).toBeUndefined();
    expect(readWritten(root, 'never/written')).toBeUndefined();
  });

  it('names the fields edited remotely, ignoring trailing whitespace and fields the remote did not return', () => {
    const written = { summary: 'Reset', description: 'Body' };
    expect(editedFields(written, { summary: 'Reset', description: 'Body\n\n' })).toEqual([]);
    expect(editedFields(written, { summary: 'Reset password', description: 'Body' })).toEqual(['summary']);
    expect(editedFields(written, { summary: 'X', description: 'Y' })).toEqual(['summary', 'description']);
    expect(editedFields(written, { summary: 'Reset' })).toEqual([]);
  });
});
