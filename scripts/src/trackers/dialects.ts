// Which dialect each tracker speaks: the one table that joins the four folders' dialect.ts (small data,
// no client code), for the shared transport and the recovery advice.
import type { Tracker } from '../config/keys.js';
import { confluenceDialect } from './confluence/dialect.js';
import type { Dialect } from './dialect.js';
import { githubDialect } from './github/dialect.js';
import { jiraDialect } from './jira/dialect.js';
import { linearDialect } from './linear/dialect.js';

export const DIALECTS: Readonly<Record<Tracker, Dialect>> = { jira: jiraDialect, confluence: confluenceDialect, linear: linearDialect, github: githubDialect };
