import { describe } from 'vitest';
import { commonCases, matrix } from './matrix.js';

const retry = /spec sync --feature=001/;

describe('failure matrix: GitHub', () => {
  matrix('github', [
    ...commonCases('github', retry),
    { name: 'invalid configuration (missing repository)', config: { SPEC_GITHUB_REPO: '' }, logStatus: /Invalid config/, says: /SPEC_GITHUB_REPO/, recovery: retry },
    { name: 'issues disabled on the repository', fault: 'issues-disabled', logStatus: /410 Gone/, says: /disabled/, recovery: retry },
  ]);
});
