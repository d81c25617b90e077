import { describe } from 'vitest';
import { commonCases, matrix } from './matrix.js';

const retry = /spec publish --confluence --feature=001( --update)?|spec sync --feature=001/;

describe('failure matrix: Confluence', () => {
  matrix('confluence', [
    ...commonCases('confluence', retry),
    { name: 'invalid configuration (missing root page id)', config: { SPEC_CONFLUENCE_ROOT_PAGE_ID: '' }, logStatus: /Invalid config/, says: /SPEC_CONFLUENCE_ROOT_PAGE_ID/, recovery: retry },
    { name: 'page creation failed: duplicate title', fault: 'duplicate-title', logStatus: /400 Bad Request/, says: /already exists/, recovery: /spec publish --confluence --feature=001 --update/ },
  ]);
});
