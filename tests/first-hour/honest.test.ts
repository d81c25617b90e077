// Item 5: what status and validate --config claim comes from what the trackers really answered.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sandboxProject, useSandbox, type Sandbox } from '../helpers/sandbox.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await useSandbox();
});
afterEach(async () => {
  await sb.clearFault();
});

describe('validate --config after a refused credential', () => {
  it('marks the token ✗ (invalid) until a later success', async () => {
    const p = await sandboxProject(sb, ['jira']);
    const before = await p.spec(['validate', '--config']);
    expect(before.stdout).toMatch(/✓ SPEC_ATLASSIAN_API_TOKEN: \[hidden\]/);
    await sb.setFault('jira', 'auth');
    expect((await p.spec(['test-integration', '--jira'])).code).toBe(1);
    const after = await p.spec(['validate', '--config']);
    expect(after.stdout).toMatch(/✗ SPEC_ATLASSIAN_API_TOKEN: \[hidden\] \(environment\) \(invalid: JIRA refused it on \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(after.code).toBe(1);
    await sb.clearFault();
    expect((await p.spec(['test-integration', '--jira'])).code).toBe(0);
    const again = await p.spec(['validate', '--config']);
    expect(again.stdout).toMatch(/✓ SPEC_ATLASSIAN_API_TOKEN: \[hidden\]/);
    expect(again.code).toBe(0);
  });
});
