// Admin routes for the refusal and lag models (kept apart from server.ts's fault routes):
//   GET/POST /search-lag  {"seconds":5}   Jira search-index lag (also `--search-lag=SECONDS`)
//   POST /confluence/archive {"id":"…"}    archive a page, as a user would from the page menu

/** What these routes need of the sandbox (a narrow view, so this file does not import server.ts back). */
export interface AdminExtraTarget {
  jira: { search: { lagSeconds: number } };
  confluence: { archive(id: string): boolean };
  persist(): void;
}

export function parseSearchLag(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n >= 0)) throw new Error(`search lag "${text}" is not a number of seconds (e.g. 5, or 0 for none)`);
  return n;
}

/** Answer an extra admin route; undefined when the route is not one of these. */
export function adminExtra(sandbox: AdminExtraTarget, method: string, path: string, text: string): { status: number; body: unknown } | undefined {
  const body = (text ? JSON.parse(text) : {}) as { seconds?: unknown; id?: unknown };
  if (path === '/search-lag' && method === 'GET') return { status: 200, body: { seconds: sandbox.jira.search.lagSeconds } };
  if (path === '/search-lag' && method === 'POST') {
    sandbox.jira.search.lagSeconds = parseSearchLag(String(body.seconds ?? ''));
    return { status: 200, body: { seconds: sandbox.jira.search.lagSeconds } };
  }
  if (path === '/confluence/archive' && method === 'POST') {
    const id = String(body.id ?? '');
    if (!sandbox.confluence.archive(id)) return { status: 404, body: { message: `no page ${id}` } };
    sandbox.persist();
    return { status: 200, body: { id, status: 'archived' } };
  }
  return undefined;
}
