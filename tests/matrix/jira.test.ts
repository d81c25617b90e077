import { describe } from 'vitest';
import { commonCases, matrix } from './matrix.js';

const retry = /spec sync --feature=001/;

describe('failure matrix: JIRA', () => {
  matrix('jira', [
    ...commonCases('jira', retry),
    { name: 'invalid configuration (missing project key)', config: { SPEC_JIRA_PROJECT_KEY: '' }, logStatus: /Invalid config/, says: /SPEC_JIRA_PROJECT_KEY/, recovery: retry },
    { name: 'story creation failed: field not on screen', fault: 'field-not-on-screen', logStatus: /400 Bad Request/, says: /not on the .*screen/, recovery: retry },
    { name: 'custom field validation failed: required field', fault: 'required-field', logStatus: /400 Bad Request/, says: /required/, recovery: retry },
  ]);
});
