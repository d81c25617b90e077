import { describe } from 'vitest';
import { commonCases, matrix } from './matrix.js';

const retry = /spec sync --feature=001/;

describe('failure matrix: Linear', () => {
  matrix('linear', [
    ...commonCases('linear', retry),
    { name: 'invalid configuration (missing team id)', config: { SPEC_LINEAR_TEAM_ID: '' }, logStatus: /Invalid config/, says: /SPEC_LINEAR_TEAM_ID/, recovery: retry },
  ]);
});
