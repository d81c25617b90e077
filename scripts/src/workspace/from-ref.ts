// `new --from=<ref>`: which remote item a user means. Pure: the text and the configured project,
// team and repository in; one tracker reference or one clear error line out. An item of another
// project, team or repository is refused here, before anything is fetched or created.

export type FromRef =
  | { tracker: 'jira'; key: string }
  | { tracker: 'linear'; identifier: string }
  | { tracker: 'github'; owner: string; repo: string; number: number };

export interface RefContext {
  /** SPEC_JIRA_PROJECT_KEY, when JIRA is configured. */
  jiraProjectKey?: string;
  /** SPEC_ATLASSIAN_URL: a browse URL on another site is refused. */
  atlassianUrl?: string;
  /** The Linear team's key (ENG), when Linear is configured and the key is known. */
  linearTeamKey?: string;
  /** SPEC_GITHUB_OWNER / SPEC_GITHUB_REPO, when GitHub is configured. */
  github?: { owner: string; repo: string };
}

export type RefResult = { ok: true; ref: FromRef } | { ok: false; error: string };

const KEY = /^([A-Z][A-Z0-9_]{0,9})-([1-9][0-9]{0,9})$/;
const fail = (error: string): RefResult => ({ ok: false, error });

function jira(key: string, ctx: RefContext, raw = key): RefResult {
  const k = key.toUpperCase();
  const m = KEY.exec(k);
  if (!m) return fail(`--from=${raw}: not a JIRA issue key (expected e.g. PROJ-123)`);
  if (!ctx.jiraProjectKey) return fail(`--from=${raw}: JIRA is not configured (set SPEC_ATLASSIAN_SYNC and SPEC_JIRA_PROJECT_KEY in CLAUDE.md)`);
  if (m[1] !== ctx.jiraProjectKey) return fail(`--from=${raw}: ${k} is in JIRA project ${m[1]}, not in this project's ${ctx.jiraProjectKey} (SPEC_JIRA_PROJECT_KEY)`);
  return { ok: true, ref: { tracker: 'jira', key: k } };
}

function linear(identifier: string, ctx: RefContext, raw = identifier): RefResult {
  const id = identifier.toUpperCase();
  const m = KEY.exec(id);
  if (!m) return fail(`--from=${raw}: not a Linear issue identifier (expected e.g. ENG-12)`);
  if (!ctx.linearTeamKey) return fail(`--from=${raw}: Linear is not configured (set SPEC_LINEAR_SYNC and SPEC_LINEAR_TEAM_ID in CLAUDE.md)`);
  if (m[1] !== ctx.linearTeamKey.toUpperCase()) return fail(`--from=${raw}: ${id} belongs to Linear team ${m[1]}, not to this project's team ${ctx.linearTeamKey} (SPEC_LINEAR_TEAM_ID)`);
  return { ok: true, ref: { tracker: 'linear', identifier: id } };
}

function github(owner: string | undefined, repo: string | undefined, num: string, raw: string, ctx: RefContext): RefResult {
  const n = Number(num);
  if (!Number.isSafeInteger(n) || n < 1) return fail(`--from=${raw}: not a GitHub issue number`);
  if (!ctx.github) return fail(`--from=${raw}: GitHub is not configured (set SPEC_GITHUB_OWNER and SPEC_GITHUB_REPO in CLAUDE.md)`);
  const o = owner ?? ctx.github.owner;
  const r = repo ?? ctx.github.repo;
  if (o.toLowerCase() !== ctx.github.owner.toLowerCase() || r.toLowerCase() !== ctx.github.repo.toLowerCase()) {
    return fail(`--from=${raw}: issue is in ${o}/${r}, not in this project's repository ${ctx.github.owner}/${ctx.github.repo} (SPEC_GITHUB_OWNER/SPEC_GITHUB_REPO)`);
  }
  return { ok: true, ref: { tracker: 'github', owner: ctx.github.owner, repo: ctx.github.repo, number: n } };
}

function url(raw: string, ctx: RefContext): RefResult | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(u.protocol)) return fail(`--from=${raw}: only http(s) links are understood`);
  const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  // Linear: https://linear.app/<workspace>/issue/ENG-12/optional-slug
  if (u.hostname === 'linear.app' || u.hostname.endsWith('.linear.app')) {
    const i = parts.indexOf('issue');
    const id = i >= 0 ? parts[i + 1] : undefined;
    return id ? linear(id, ctx, raw) : fail(`--from=${raw}: not a Linear issue link (expected https://linear.app/<workspace>/issue/ENG-12)`);
  }
  // GitHub (and GitHub Enterprise): https://host/<owner>/<repo>/issues/12
  const gi = parts.indexOf('issues');
  if (gi === 2 && parts.length >= 4 && /^\d+$/.test(parts[3] as string)) return github(parts[0], parts[1], parts[3] as string, raw, ctx);
  if (parts[2] === 'pull') return fail(`--from=${raw}: a pull request, not an issue`);
  // JIRA: https://site/browse/PROJ-123, or a board link with ?selectedIssue=PROJ-123
  const bi = parts.indexOf('browse');
  const key = bi >= 0 ? parts[bi + 1] : (u.searchParams.get('selectedIssue') ?? undefined);
  if (key) {
    if (ctx.atlassianUrl) {
      const site = new URL(ctx.atlassianUrl);
      if (site.host !== u.host) return fail(`--from=${raw}: the link is on ${u.host}, not on this project's site ${site.host} (SPEC_ATLASSIAN_URL)`);
    }
    return jira(key, ctx, raw);
  }
  return fail(`--from=${raw}: not a JIRA, Linear or GitHub issue link`);
}

/** Parse what follows `--from=`. */
export function parseFromRef(input: string, ctx: RefContext): RefResult {
  const raw = input.trim();
  if (!raw) return fail('--from needs a value: a JIRA key (PROJ-123), a Linear identifier (ENG-12), a GitHub issue (#12, owner/repo#12) or a link to one');
  const prefixed = /^(jira|linear|github):(.+)$/i.exec(raw);
  if (prefixed) {
    const which = (prefixed[1] as string).toLowerCase();
    const rest = (prefixed[2] as string).trim();
    if (which === 'jira') return jira(rest, ctx, raw);
    if (which === 'linear') return linear(rest, ctx, raw);
    const gh = /^(?:([\w.-]+)\/([\w.-]+))?#?(\d+)$/.exec(rest);
    return gh ? github(gh[1], gh[2], gh[3] as string, raw, ctx) : fail(`--from=${raw}: not a GitHub issue (expected #12 or owner/repo#12)`);
  }
  const asUrl = url(raw, ctx);
  if (asUrl) return asUrl;
  const gh = /^(?:([\w.-]+)\/([\w.-]+))?#(\d+)$/.exec(raw);
  if (gh) return github(gh[1], gh[2], gh[3] as string, raw, ctx);
  const m = KEY.exec(raw.toUpperCase());
  if (!m) return fail(`--from=${raw}: not a JIRA key (PROJ-123), Linear identifier (ENG-12), GitHub issue (#12, owner/repo#12) or a link to one`);
  const prefix = m[1] as string;
  const isJira = ctx.jiraProjectKey === prefix;
  const isLinear = ctx.linearTeamKey?.toUpperCase() === prefix;
  if (isJira && isLinear) {
    return fail(`--from=${raw}: ambiguous: both JIRA project ${prefix} and Linear team ${prefix} could hold it; say which with --from=jira:${raw.toUpperCase()} or --from=linear:${raw.toUpperCase()}`);
  }
  if (isJira) return jira(raw, ctx);
  if (isLinear) return linear(raw, ctx);
  const known = [ctx.jiraProjectKey ? `JIRA project ${ctx.jiraProjectKey}` : '', ctx.linearTeamKey ? `Linear team ${ctx.linearTeamKey}` : ''].filter(Boolean);
  if (!known.length) return fail(`--from=${raw}: neither JIRA nor Linear is configured, so ${raw.toUpperCase()} cannot be looked up`);
  return fail(`--from=${raw}: ${prefix} is not this project's ${known.join(' or ')}`);
}

/** How a reference reads in messages and in a "From …" section: `PROJ-123`, `ENG-12`, `GitHub #12`. */
export function refLabel(ref: FromRef): string {
  return ref.tracker === 'jira' ? ref.key : ref.tracker === 'linear' ? ref.identifier : `GitHub #${ref.number}`;
}

/** The key that `{key}` stands for in the branch and folder patterns. */
export function refKey(ref: FromRef): string {
  return ref.tracker === 'jira' ? ref.key : ref.tracker === 'linear' ? ref.identifier : `GH-${ref.number}`;
}
