// Confluence Cloud, over the calls in client.ts: one page per published document (plan.md, and
// spec.md when SPEC_CONFLUENCE_PUBLISH_SPEC is on), under SPEC_CONFLUENCE_ROOT_PAGE_ID in
// SPEC_CONFLUENCE_SPACE. Create a page; update reads the current version and writes version + 1.
//
// Which page is ours: every page we publish ends with an invisible anchor macro naming the feature and
// document (confluence/payload.ts `pageMarker`). A page with our exact title that carries the
// marker is adopted (a lost link, a crash before the write-back); one without it belongs to someone
// else, so creating ours is a `conflict` — unless the user asked to take it over with
// `spec publish --confluence --feature=N --update`.
import type { Adapter, AdapterContext, DesiredItem, RemoteRef } from '../contract.js';
import { writeConfluenceLink } from '../../workspace/links.js';
import { createEach } from '../create-each.js';
import { TrackerError } from '../errors.js';
import { ConfluenceClient, type PageView } from './client.js';
import { pageMarker } from './payload.js';

type Item = DesiredItem<'confluence'>;

export interface ConfluenceAdapterOptions {
  /** `publish --update`: a page with our title that is not ours is updated instead of being a conflict. */
  updateExisting?: boolean;
}

const DUPLICATE = /already exists/i;

export function confluenceAdapter(ctx: AdapterContext, options: ConfluenceAdapterOptions = {}): Adapter<'confluence'> {
  const { config } = ctx;
  const space = config.confluence.space;
  const rootPageId = config.confluence.rootPageId;
  const wiki = new ConfluenceClient(config, { env: ctx.env });
  let spaceId: string | undefined;

  const url = (id: string) => `${config.confluence.url}/spaces/${encodeURIComponent(space)}/pages/${id}`;
  const link = (page: PageView) => (page._links?.webui?.startsWith('/') ? `${config.confluence.url}${page._links.webui}` : url(String(page.id)));
  const ref = (page: PageView, display?: string): RemoteRef => ({ id: String(page.id), url: link(page), ...(page.version?.number ? { version: page.version.number } : {}), ...(display ? { display } : {}) });
  const error = (kind: TrackerError['kind'], message: string, status?: number, statusText?: string) =>
    new TrackerError({ kind, integration: 'confluence', message, ...(status ? { status } : {}), ...(statusText ? { statusText } : {}) });
  const isOurs = (item: Item, page: PageView) => (page.body?.storage?.value ?? '').includes(pageMarker(item.feature, item.payload.source));
  const featureFlag = (item: Item) => `--feature=${item.feature.id}`;

  async function resolveSpace(): Promise<string> {
    if (spaceId) return spaceId;
    const found = await wiki.space(space);
    if (!found) throw error('not-found', `Confluence space '${space}' not found; check SPEC_CONFLUENCE_SPACE in CLAUDE.md (list your spaces in Confluence, then set SPEC_CONFLUENCE_SPACE=<KEY>)`, 404, '404 Not Found');
    return (spaceId = String(found.id));
  }

  const getPage = (id: string, action: string) => wiki.page(id, action);

  async function checkRootPage(): Promise<void> {
    const r = await getPage(rootPageId, `root page ${rootPageId}`);
    if (r.status === 404) throw error('not-found', `Invalid Confluence page ID: SPEC_CONFLUENCE_ROOT_PAGE_ID=${rootPageId} not found; check that the page exists and you can view it (the id is in the page's URL)`, 404, '404 Not Found');
    if (r.body?.spaceId && spaceId && String(r.body.spaceId) !== spaceId) throw error('invalid-config', `Root page ${rootPageId} is not in space ${space}; fix SPEC_CONFLUENCE_ROOT_PAGE_ID or SPEC_CONFLUENCE_SPACE`);
  }

  /** Pages in our space with exactly this title, with their storage body (to look for our marker). */
  async function byTitle(title: string): Promise<PageView[]> {
    return wiki.pagesTitled(await resolveSpace(), title);
  }

  async function put(item: Item, pageId: string, currentVersion: number): Promise<RemoteRef> {
    const p = item.payload;
    const r = await wiki.updatePage(pageId, { title: p.title, body: { representation: 'storage', value: p.body.value }, version: currentVersion + 1, message: `spec sync: ${p.source}` });
    if (r.status === 400) {
      const title = r.body?.errors?.[0]?.title ?? '';
      if (DUPLICATE.test(title)) throw duplicate(item, undefined, 'rename');
      throw error('validation', `Confluence refused the update of page ${pageId}: ${title || '400 Bad Request'}`, 400, '400 Bad Request');
    }
    return ref({ ...r.body, id: pageId, version: { number: r.body?.version?.number ?? currentVersion + 1 } });
  }

  async function update(item: Item, pageId: string): Promise<RemoteRef> {
    const cur = await getPage(pageId, `read page ${pageId}`);
    if (cur.status === 404) {
      const file = item.payload.source;
      throw error('not-found', `Confluence page ${pageId} (confluence_page_id in ${file}) not found or not visible; remove confluence_page_id from ${file} to publish a new page, or link the right one with spec link ${featureFlag(item)} --confluence=ID`, 404, '404 Not Found');
    }
    return put(item, pageId, cur.body?.version?.number ?? 1);
  }

  function duplicate(item: Item, existing: PageView | undefined, how: 'create' | 'rename'): TrackerError {
    const title = item.payload.title;
    const where = existing ? ` (page ${existing.id})` : '';
    return error(
      'conflict',
      `Confluence page with title "${title}" already exists in space ${space}${where}; cannot ${how === 'create' ? 'create' : 'rename to'} a duplicate. Update the existing page: spec publish --confluence ${featureFlag(item)} --update, or change the title (title in spec.md's frontmatter) and publish again`,
      400,
      '400 Bad Request',
    );
  }

  async function createOne(item: Item): Promise<RemoteRef> {
    const p = item.payload;
    const sid = await resolveSpace();
    const r = await wiki.createPage({ spaceId: sid, title: p.title, ...(p.parentId ? { parentId: p.parentId } : {}), body: { representation: 'storage', value: p.body.value } });
    if (r.status < 300) return ref(r.body);
    if (r.status === 404) {
      // Confluence answers 404 for a space you cannot see and for a missing 'Add Page' permission alike.
      throw error('permission', `Permission denied creating Confluence page: user lacks 'Add Page' permission in space '${space}' (Confluence answered 404). Ask a Confluence administrator, or set SPEC_CONFLUENCE_SPACE to a space where you can add pages; meanwhile spec export plan --format=confluence ${featureFlag(item)} prints the page to paste by hand`, 404, '404 Not Found');
    }
    const title = r.body?.errors?.[0]?.title ?? '';
    if (!DUPLICATE.test(title)) {
      if (/parent/i.test(title)) throw error('not-found', `Invalid Confluence page ID: SPEC_CONFLUENCE_ROOT_PAGE_ID=${rootPageId} not found (${title})`, 400, '400 Bad Request');
      throw error('validation', `Confluence refused the page "${p.title}": ${title || '400 Bad Request'}`, 400, '400 Bad Request');
    }
    const existing = (await byTitle(p.title))[0];
    if (existing && (isOurs(item, existing) || options.updateExisting)) {
      const remote = await put(item, existing.id, existing.version?.number ?? 1);
      return { ...remote, display: `${remote.id} (existing page, now version ${remote.version ?? '?'})` };
    }
    throw duplicate(item, existing, 'create');
  }

  return {
    tracker: 'confluence',
    batchSize: 1,

    async prepare(items) {
      await resolveSpace();
      if (items.some((i) => !i.linked)) await checkRootPage();
    },

    async findOrphan(item) {
      const mine = (await byTitle(item.payload.title)).find((p) => isOurs(item, p));
      return mine ? ref(mine) : undefined;
    },

    async create(items) {
      return createEach(items, createOne);
    },

    async update(item, remote) {
      return update(item, remote.id);
    },

    writeBack(item, remote) {
      writeConfluenceLink(item.feature, item.payload.source, remote.id, remote.url);
    },

    async remoteExists(_item, remote) {
      const res = await getPage(remote.id, `read page ${remote.id}`);
      return res.status !== 404;
    },
  };
}
