// "Done when": the README's first five minutes, run literally in an empty directory, end on the feature
// branch with a valid spec.md. The block is read from the README itself, so the two cannot drift apart.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, cleanEnv, REPO, tempDir } from '../helpers/project.js';

describe('README: the first five minutes', () => {
  it('runs literally and ends on the feature branch with a valid spec.md', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const block = /<!-- first-five-minutes -->\n```bash\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has the first-five-minutes block').toBeTruthy();
    const dir = tempDir('spec-readme-');
    const script = `set -e\nspec() { node "${BUNDLE}" "$@"; }\n${block}`;
    const r = await execa('bash', ['-c', script], { cwd: dir, env: cleanEnv(), extendEnv: false, reject: false });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ Switched to new branch feature/001-password-reset-by-e-mail');
    expect(r.stdout).toMatch(/^feature\/001-password-reset-by-e-mail$/m);
    expect(r.stdout).toContain('✓ Consistency: no errors');
    expect(readFileSync(join(dir, 'password-reset', 'features', '001-password-reset-by-e-mail', 'spec.md'), 'utf8')).toContain('title: "Password reset by e-mail"');
  });
});
