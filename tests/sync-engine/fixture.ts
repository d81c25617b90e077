// A feature on disk for engine tests: spec (title, epic, one P1 story), plan, and two tasks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SPEC = `---
title: User Auth
jira_epic: PROJ-1
---
# Feature: User Auth

## Summary

Users log in with a password.

## User Stories

### US1 [P1] Log in
- AC1.1 Given a password, I can log in
- AC1.2 Wrong password shows an error
`;

export const TASKS = `---
github_issues:
  T001: 12
---
# Tasks
- [ ] T001 [US1] P1 Build login form (src/login.ts)
- [x] T002 [P] [US1] Wire API (depends on T001)
`;

export function writeFeature(root: string, n: number, slug: string, docs: { spec?: string; plan?: string; tasks?: string } = {}): string {
  const dir = join(root, 'features', `${String(n).padStart(3, '0')}-${slug}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'spec.md'), docs.spec ?? SPEC);
  writeFileSync(join(dir, 'plan.md'), docs.plan ?? '# Plan\n\nUse JWT.\n');
  writeFileSync(join(dir, 'tasks.md'), docs.tasks ?? TASKS);
  return dir;
}

/** Every tracker ready, pointing at an unused loopback port. */
export const ALL_ON = {
  SPEC_ATLASSIAN_SYNC: 'enabled',
  SPEC_ATLASSIAN_URL: 'http://127.0.0.1:9',
  SPEC_ATLASSIAN_EMAIL: 'a@b.test',
  SPEC_ATLASSIAN_API_TOKEN: 'secret-token-1',
  SPEC_JIRA_PROJECT_KEY: 'PROJ',
  SPEC_CONFLUENCE_SPACE: 'ENG',
  SPEC_CONFLUENCE_ROOT_PAGE_ID: '77',
  SPEC_LINEAR_SYNC: 'enabled',
  SPEC_LINEAR_API_KEY: 'lin_api_secret',
  SPEC_LINEAR_TEAM_ID: 'ENG',
  SPEC_GITHUB_OWNER: 'o',
  SPEC_GITHUB_REPO: 'r',
  SPEC_GITHUB_TOKEN: 'ghp_secret',
};
