// Confluence Cloud REST v2 emulator (under <site>/wiki/api/v2): spaces, pages with versions,
// title lookups, space operations, and the v2 `errors[]` envelope (duplicate title 400, space 404).
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import { atlassian429, atlassianAuthorized, atlassianRateHeaders } from './atlassian-limits.js';
import type { ScaledClock } from '../core/scaled-clock.js';
import { json, match, type Emulator, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import { WindowLimiter, type LimitSpec } from './limiter.js';
import { CONFLUENCE_BODY_MAX_BYTES } from './refusals.js';

export interface ConfluencePage {
  id: string;
  title: string;
  spaceId: string;
  parentId: string | null;
  status: string;
  createdAt: string;
  version: { number: number; message: string; minorEdit: boolean; authorId: string; createdAt: string };
  body: { storage: { value: string; representation: 'storage' } };
}

const AUTHOR = '5b10ac8d82e05b22cc7d4ef5';
const REASONS: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad Request'],
  401: ['UNAUTHORIZED', 'Unauthorized'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Not Found'],
  409: ['CONFLICT', 'Conflict'],
  413: ['REQUEST_ENTITY_TOO_LARGE', 'Request Entity Too Large'],
  429: ['TOO_MANY_REQUESTS', 'Too Many Requests'],
  503: ['SERVICE_UNAVAILABLE', 'Service Unavailable'],
};
const v2err = (status: number, title?: string): Reply => {
  const [code, t] = REASONS[status] ?? ['ERROR', 'Error'];
  return json(status, { errors: [{ status, code, title: title ?? t, detail: null }] });
};

export class ConfluenceEmulator implements Emulator {
  readonly spaces = [{ id: '98304', key: C.confluenceSpace, name: 'Development', type: 'global', status: 'current' }];
  readonly pages = new Map<string, ConfluencePage>();
  private seq = 200000;
  private limiter: WindowLimiter;

  constructor(
    limits: LimitSpec,
    private readonly clock: ScaledClock,
  ) {
    this.limiter = new WindowLimiter(limits, clock);
    this.insert({ id: C.confluenceRootPageId, title: 'Technical Plans', spaceId: '98304', parentId: null, body: '<p>Feature plans live under this page.</p>' });
  }

  /**
   * Archive a page, as a user does from the page menu (the REST API cannot set `archived`: CONFCLOUD-72078).
   * An archived page keeps its title in the space and is still listed by GET /pages, whose default
   * status filter is `current,archived` (v2 API description).
   */
  archive(id: string): boolean {
    const page = this.pages.get(id);
    if (!page) return false;
    page.status = 'archived';
    return true;
  }

  private stamp(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private insert(p: { id?: string; title: string; spaceId: string; parentId: string | null; body: string }): ConfluencePage {
    const page: ConfluencePage = {
      id: p.id ?? String(++this.seq),
      title: p.title,
      spaceId: p.spaceId,
      parentId: p.parentId,
      status: 'current',
      createdAt: this.stamp(),
      version: { number: 1, message: '', minorEdit: false, authorId: AUTHOR, createdAt: this.stamp() },
      body: { storage: { value: p.body, representation: 'storage' } },
    };
    this.pages.set(page.id, page);
    return page;
  }

  /** After a restore (persist.ts): new page ids continue after the highest stored one. */
  resumeCounters(): void {
    for (const id of this.pages.keys()) this.seq = Math.max(this.seq, Number(id) || 0);
  }

  authorized(req: SandboxRequest): boolean {
    return atlassianAuthorized(req);
  }
  unauthorized(): Reply {
    return { ...(v2err(401) as { status: number; body: unknown }), headers: { 'WWW-Authenticate': 'Basic realm="protected-by-api-token"' } };
  }
  rateHeaders(): Record<string, string> {
    return atlassianRateHeaders(this.limiter);
  }
  limit(ctx: EmulatorContext): Reply | undefined {
    return this.limiter.hit() ? undefined : this.rateLimited(ctx, this.limiter.retryAfterSeconds);
  }
  rateLimited(ctx: EmulatorContext, retryAfterSeconds: number): Reply {
    const r = v2err(429) as { body: unknown };
    return atlassian429(ctx, this.limiter, retryAfterSeconds, 'confluence-quota-tenant-based', r.body);
  }
  serverError(): Reply {
    return v2err(503);
  }

  private visibleSpaces(ctx: EmulatorContext) {
    return ctx.faults.has('confluence', 'space-not-found') || ctx.faults.has('confluence', 'not-found') ? [] : this.spaces;
  }

  private spaceView(s: (typeof this.spaces)[number]) {
    return { id: s.id, key: s.key, name: s.name, type: s.type, status: s.status, authorId: AUTHOR, createdAt: '2024-01-01T00:00:00.000Z', homepageId: C.confluenceRootPageId, _links: { webui: `/spaces/${s.key}` } };
  }

  private pageView(p: ConfluencePage, ctx: EmulatorContext, bodyFormat?: string | null): Record<string, unknown> {
    const space = this.spaces.find((s) => s.id === p.spaceId);
    return {
      id: p.id,
      status: p.status,
      title: p.title,
      spaceId: p.spaceId,
      ...(p.parentId ? { parentId: p.parentId, parentType: 'page' } : {}),
      position: 0,
      authorId: AUTHOR,
      ownerId: AUTHOR,
      lastOwnerId: null,
      createdAt: p.createdAt,
      version: p.version,
      body: bodyFormat === 'storage' ? { storage: p.body.storage } : {},
      _links: { webui: `/spaces/${space?.key ?? 'X'}/pages/${p.id}/${encodeURIComponent(p.title.replace(/\s+/g, '+'))}`, editui: `/pages/resumedraft.action?draftId=${p.id}`, tinyui: `/x/${p.id}`, base: ctx.baseUrl },
    };
  }

  handle(req: SandboxRequest, ctx: EmulatorContext): Reply {
    const p = req.path.replace(/^\/api\/v2/, '');
    if (!req.path.startsWith('/api/v2/')) {
      if (req.path.startsWith('/rest/api/content')) return v2err(410, 'Gone: use the v2 API');
      return v2err(404);
    }
    const m = req.method;
    let a: Record<string, string> | undefined;
    if (m === 'GET' && p === '/spaces') {
      const keys = req.query.get('keys')?.split(',');
      const ids = req.query.get('ids')?.split(',');
      const results = this.visibleSpaces(ctx)
        .filter((s) => (!keys || keys.includes(s.key)) && (!ids || ids.includes(s.id)))
        .map((s) => this.spaceView(s));
      return json(200, { results, _links: { base: ctx.baseUrl } });
    }
    if (m === 'GET' && (a = match('/spaces/{id}', p))) {
      const s = this.visibleSpaces(ctx).find((x) => x.id === a?.id);
      return s ? json(200, this.spaceView(s)) : v2err(404);
    }
    if (m === 'GET' && (a = match('/spaces/{id}/operations', p))) {
      const s = this.visibleSpaces(ctx).find((x) => x.id === a?.id);
      if (!s) return v2err(404);
      const operations = [
        { operation: 'read', targetType: 'space' },
        ...(ctx.faults.has('confluence', 'permission') ? [] : [{ operation: 'create', targetType: 'page' }, { operation: 'create', targetType: 'blogpost' }]),
      ];
      return json(200, { operations });
    }
    if (m === 'GET' && (a = match('/spaces/{id}/pages', p))) {
      const s = this.visibleSpaces(ctx).find((x) => x.id === a?.id);
      if (!s) return v2err(404);
      return this.list([...this.pages.values()].filter((x) => x.spaceId === s.id), req, ctx);
    }
    if (m === 'GET' && p === '/pages') {
      const title = req.query.get('title');
      const spaceIds = req.query.get('space-id')?.split(',');
      const statuses = req.query.getAll('status').flatMap((x) => x.split(',')).filter(Boolean);
      const wanted = statuses.length ? statuses : ['current', 'archived'];
      const pages = [...this.pages.values()].filter((x) => (title === null || x.title === title) && (!spaceIds || spaceIds.includes(x.spaceId)) && wanted.includes(x.status));
      return this.list(pages, req, ctx);
    }
    // A body over 5 MB is refused before anything else is looked at (BEHAVIOURS.md: 413 at 5 MB [D]).
    if ((m === 'POST' || m === 'PUT') && Buffer.byteLength(req.text, 'utf8') > CONFLUENCE_BODY_MAX_BYTES) return v2err(413);
    if (m === 'POST' && p === '/pages') {
      const b = (req.json ?? {}) as { spaceId?: string; title?: string; parentId?: string; status?: string; body?: { value?: string; representation?: string } };
      if (!b.spaceId) return v2err(400, 'spaceId is required');
      const space = this.visibleSpaces(ctx).find((s) => s.id === String(b.spaceId));
      if (!space || ctx.faults.has('confluence', 'permission')) return v2err(404);
      if (b.parentId && !this.pages.has(String(b.parentId))) return v2err(400, `Could not find parent page with id ${b.parentId}`);
      if (b.body && b.body.representation && !['storage', 'atlas_doc_format', 'wiki'].includes(b.body.representation)) return v2err(400, `Unsupported representation: ${b.body.representation}`);
      const title = (b.title ?? '').trim();
      if (!title && b.status !== 'draft') return v2err(400, 'Title is required for a page that is not a draft');
      const dup = [...this.pages.values()].some((x) => x.spaceId === space.id && x.title === title);
      if (dup || ctx.faults.take('confluence', 'duplicate-title')) {
        return v2err(400, 'A page with this title already exists: A page already exists with the same TITLE in this space');
      }
      const page = this.insert({ title, spaceId: space.id, parentId: b.parentId ? String(b.parentId) : C.confluenceRootPageId, body: b.body?.value ?? '' });
      return json(200, this.pageView(page, ctx, 'storage'));
    }
    if ((a = match('/pages/{id}', p))) {
      const page = this.pages.get(a.id as string);
      if (m === 'GET') return page ? json(200, this.pageView(page, ctx, req.query.get('body-format'))) : v2err(404);
      if (m === 'PUT') {
        if (!page) return v2err(404);
        if (ctx.faults.has('confluence', 'permission')) return v2err(403, 'You do not have permission to edit this page');
        const b = (req.json ?? {}) as { id?: string; title?: string; status?: string; body?: { value?: string }; version?: { number?: number; message?: string } };
        if (String(b.id ?? '') !== page.id) return v2err(400, 'The id in the body must match the id in the path');
        if (!b.status || !b.title) return v2err(400, 'status and title are required');
        // [A] An archived page cannot be edited until it is restored (Confluence's editor offers "Restore"
        // on archived pages; the API answers 400 here rather than silently unarchiving).
        if (page.status === 'archived' && b.status !== 'archived') return v2err(400, 'Cannot update an archived page. Restore it from the archive first.');
        // A stale or skipped version: 409, with the v1 message still seen on v2 sites (justmiles/go-markdown2confluence#43).
        const next = b.version?.number;
        if (next !== page.version.number + 1) return v2err(409, `Version must be incremented on update. Current version is: ${page.version.number}`);
        const clash = [...this.pages.values()].some((x) => x.id !== page.id && x.spaceId === page.spaceId && x.title === b.title);
        if (clash) return v2err(400, 'A page with this title already exists: A page already exists with the same TITLE in this space');
        page.title = b.title;
        if (b.body?.value !== undefined) page.body.storage.value = b.body.value;
        page.version = { number: next, message: b.version?.message ?? '', minorEdit: false, authorId: AUTHOR, createdAt: this.stamp() };
        return json(200, this.pageView(page, ctx, 'storage'));
      }
    }
    return v2err(404);
  }

  private list(pages: ConfluencePage[], req: SandboxRequest, ctx: EmulatorContext): Reply {
    const limit = Math.min(Number(req.query.get('limit') ?? 25) || 25, 250);
    const start = Number(req.query.get('cursor') ?? 0) || 0;
    const slice = pages.slice(start, start + limit);
    const more = start + limit < pages.length;
    const next = `/wiki/api/v2${req.path.replace(/^\/api\/v2/, '')}?cursor=${start + limit}&limit=${limit}`;
    return json(200, { results: slice.map((x) => this.pageView(x, ctx, req.query.get('body-format'))), _links: { base: ctx.baseUrl, ...(more ? { next } : {}) } }, more ? { Link: `<${next}>; rel="next"` } : {});
  }
}
