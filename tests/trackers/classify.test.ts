// Real error bodies from oracles/BEHAVIOURS.md, classified into kinds.
import { describe, expect, it } from 'vitest';
import { classifyResponse, graphqlErrors, networkError } from '../../scripts/src/trackers/classify.js';
import { ADVICE, recoveryCommand } from '../../scripts/src/trackers/recovery.js';
import { DIALECTS } from '../../scripts/src/trackers/dialects.js';

const json = { 'content-type': 'application/json' };

describe('Jira', () => {
  it('plain-text and JSON 401 are auth', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 401, headers: { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="x"' }, body: 'Client must be authenticated to access this resource.' });
    expect(e.kind).toBe('auth');
    expect(e.statusText).toBe('401 Unauthorized');
    expect(e.message).toContain('401');
    expect(ADVICE[e.kind].hint(e)).toContain('API token');
    const g = classifyResponse({ dialect: DIALECTS.jira, status: 401, headers: json, body: '{"message":"Client must be authenticated to access this resource.","status-code":401}' });
    expect(g.kind).toBe('auth');
  });
  it('field not on screen is validation naming the field', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 400, headers: json, body: `{"errorMessages":[],"errors":{"customfield_10011":"Field 'customfield_10011' cannot be set. It is not on the appropriate screen, or unknown."}}` });
    expect(e.kind).toBe('validation');
    expect(e.field).toBe('customfield_10011');
    expect(e.message).toContain('not on the appropriate screen');
    expect(ADVICE.validation.hint(e)).toContain('customfield_10011');
  });
  it('a required field in errorMessages is validation', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 400, headers: json, body: `{"errorMessages":["Field 'priority' is required"],"errors":{}}` });
    expect(e).toMatchObject({ kind: 'validation', field: 'priority' });
  });
  it('an unknown project value is not-found', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 400, headers: json, body: `{"errorMessages":["The value 'FACILITIES' does not exist for the field 'project'."]}` });
    expect(e.kind).toBe('not-found');
  });
  it('403 ErrorCollection is permission', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 403, headers: json, body: '{"errorMessages":["You do not have permission to create issues in this project."],"errors":{}}' });
    expect(e).toMatchObject({ kind: 'permission', message: 'You do not have permission to create issues in this project.' });
  });
  it('a proxy HTML page never reaches the message', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    expect(e.kind).toBe('server');
    expect(e.message).not.toContain('<');
    expect(e.message).toContain('HTML error page');
  });
  it('429 is a rate limit with its wait', () => {
    const e = classifyResponse({ dialect: DIALECTS.jira, status: 429, headers: { 'retry-after': '45' }, body: '' });
    expect(e).toMatchObject({ kind: 'rate-limit', statusText: '429 Too Many Requests', retryAfterSeconds: 45 });
  });
});

describe('Confluence', () => {
  it('duplicate title is conflict', () => {
    const body = JSON.stringify({ errors: [{ status: 400, code: 'BAD_REQUEST', title: 'A page with this title already exists: A page already exists with the same TITLE in this space', detail: null }] });
    const e = classifyResponse({ dialect: DIALECTS.confluence, status: 400, headers: json, body });
    expect(e.kind).toBe('conflict');
    expect(recoveryCommand('confluence', e.kind, { feature: '003' })).toBe('spec publish --confluence --feature=003 --update');
  });
  it('404 is not-found', () => {
    const e = classifyResponse({ dialect: DIALECTS.confluence, status: 404, headers: json, body: '{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}' });
    expect(e.kind).toBe('not-found');
  });
});

describe('Linear', () => {
  it('extensions.type decides the kind', () => {
    const body = (type: string, message = 'x') => JSON.stringify({ errors: [{ message, extensions: { type, userError: true, userPresentableMessage: message } }] });
    expect(graphqlErrors(DIALECTS.linear, 200, json, body('authentication error', 'Authentication required, not authenticated'))?.kind).toBe('auth');
    expect(graphqlErrors(DIALECTS.linear, 200, json, body('forbidden'))?.kind).toBe('permission');
    expect(graphqlErrors(DIALECTS.linear, 200, json, body('invalid input', 'Entity not found: Team'))?.kind).toBe('not-found');
    expect(graphqlErrors(DIALECTS.linear, 200, json, body('invalid input', 'title must be a string'))?.kind).toBe('validation');
    expect(graphqlErrors(DIALECTS.linear, 200, json, body('internal error'))?.kind).toBe('server');
    expect(graphqlErrors(DIALECTS.linear, 200, json, '{"data":{"viewer":{"id":"1"}}}')).toBeUndefined();
  });
  it('HTTP 400 RATELIMITED is a rate limit', () => {
    const e = graphqlErrors(DIALECTS.linear, 400, json, '{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED","statusCode":429}}]}');
    expect(e).toMatchObject({ kind: 'rate-limit', statusText: '429 Too Many Requests' });
  });
});

describe('GitHub', () => {
  it('Bad credentials is auth; private repo 404 is not-found; 410 is issues disabled', () => {
    expect(classifyResponse({ dialect: DIALECTS.github, status: 401, headers: json, body: '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}' }).kind).toBe('auth');
    expect(classifyResponse({ dialect: DIALECTS.github, status: 404, headers: json, body: '{"message":"Not Found"}' }).kind).toBe('not-found');
    const gone = classifyResponse({ dialect: DIALECTS.github, status: 410, headers: json, body: '{"message":"Issues are disabled for this repo"}' });
    expect(gone.kind).toBe('invalid-config');
  });
  it('422 errors[] is validation, already_exists is conflict', () => {
    const e = classifyResponse({ dialect: DIALECTS.github, status: 422, headers: json, body: '{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}],"documentation_url":"..."}' });
    expect(e).toMatchObject({ kind: 'validation', field: 'title' });
    const c = classifyResponse({ dialect: DIALECTS.github, status: 422, headers: json, body: '{"message":"Validation Failed","errors":[{"resource":"Label","field":"name","code":"already_exists"}]}' });
    expect(c.kind).toBe('conflict');
  });
  it('403 with x-ratelimit-remaining 0 is a rate limit, other 403 permission', () => {
    expect(classifyResponse({ dialect: DIALECTS.github, status: 403, headers: { 'x-ratelimit-remaining': '0' }, body: '{"message":"API rate limit exceeded"}' }).kind).toBe('rate-limit');
    expect(classifyResponse({ dialect: DIALECTS.github, status: 403, headers: { 'x-ratelimit-remaining': '50' }, body: '{"message":"Resource not accessible by personal access token"}' }).kind).toBe('permission');
  });
});

describe('network and recovery', () => {
  it('names the log status column', () => {
    expect(networkError('jira', 'timeout', 'timeout', false, 30_000)).toMatchObject({ kind: 'network', statusText: 'Timeout', message: 'Request to JIRA API timed out after 30s' });
    expect(networkError('confluence', 'refused', 'ECONNREFUSED', true).statusText).toBe('Connection refused');
    expect(networkError('github', 'reset', 'ECONNRESET', false).statusText).toBe('Network error');
  });
  it('recovery commands per integration and operation', () => {
    expect(recoveryCommand('jira', 'auth', { operation: 'check' })).toBe('spec test-integration --jira');
    expect(recoveryCommand('jira', 'network', { feature: '003' })).toBe('spec sync --feature=003');
    expect(recoveryCommand('github', 'rate-limit', { feature: '003' })).toBe('spec sync --feature=003 --batch');
    expect(recoveryCommand('linear', 'network')).toBe('spec sync --pending');
    expect(recoveryCommand('confluence', 'server', { feature: '7' })).toBe('spec publish --confluence --feature=7');
  });
});
