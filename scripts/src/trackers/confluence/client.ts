// The Confluence Cloud REST v2 calls spec makes (under <site>/wiki/api/v2), over the shared transport:
// a space by key and what we may do in it, one page, pages by title with their storage body, create and
// update a page. A 400 or 404 the caller must read comes back as the response.
import type { Config } from '../../config/load.js';
import { transportFor, type ConnectOptions } from '../connect.js';
import type { Transport, TrackerResponse } from '../transport.js';

export interface PageView {
  id: string;
  title?: string;
  spaceId?: string;
  version?: { number?: number };
  body?: { storage?: { value?: string } };
  /** `webui` is relative to the site's /wiki (never to the API root, which may be the gateway). */
  _links?: { webui?: string };
}

/** A page refusal: `errors[{title}]`. */
export type PageAnswer = PageView & { errors?: Array<{ title?: string }> };

export interface PageWrite {
  title: string;
  body: { representation: 'storage'; value: string };
}

export class ConfluenceClient {
  readonly t: Transport;
  constructor(config: Config, options: ConnectOptions = {}) {
    this.t = transportFor(config, 'confluence', options);
  }

  /** The space with exactly this key, or undefined when none is visible. */
  async space(key: string): Promise<{ id: string; key: string } | undefined> {
    const r = await this.t.request<{ results?: Array<{ id: string; key: string }> }>({ method: 'GET', path: '/api/v2/spaces', query: { keys: key }, action: `space ${key}` });
    return r.body?.results?.find((s) => s.key === key);
  }

  /** Whether this user may add pages in the space. */
  async canAddPages(spaceId: string, spaceKey: string): Promise<boolean> {
    const r = await this.t.request<{ operations?: Array<{ operation?: string; targetType?: string }> }>({ method: 'GET', path: `/api/v2/spaces/${encodeURIComponent(spaceId)}/operations`, action: `permissions in ${spaceKey}` });
    return Boolean(r.body?.operations?.some((o) => o.operation === 'create' && o.targetType === 'page'));
  }

  /** One page; a 404 comes back as the response (the caller says what it means). */
  page(id: string, action: string): Promise<TrackerResponse<PageView>> {
    return this.t.request<PageView>({ method: 'GET', path: `/api/v2/pages/${encodeURIComponent(id)}`, accept: [404], action });
  }

  /** Pages of the space with exactly this title, with their storage body. */
  async pagesTitled(spaceId: string, title: string): Promise<PageView[]> {
    const r = await this.t.request<{ results?: PageView[] }>({ method: 'GET', path: '/api/v2/pages', query: { 'space-id': spaceId, title, 'body-format': 'storage', limit: 25 }, action: `find page "${title}"` });
    return (r.body?.results ?? []).filter((p) => p.title === title);
  }

  createPage(page: PageWrite & { spaceId: string; parentId?: string }): Promise<TrackerResponse<PageAnswer>> {
    return this.t.request<PageAnswer>({ method: 'POST', path: '/api/v2/pages', body: { spaceId: page.spaceId, status: 'current', title: page.title, ...(page.parentId ? { parentId: page.parentId } : {}), body: page.body }, accept: [400, 404], action: `create page "${page.title}"` });
  }

  updatePage(id: string, page: PageWrite & { version: number; message: string }): Promise<TrackerResponse<PageAnswer>> {
    return this.t.request<PageAnswer>({
      method: 'PUT',
      path: `/api/v2/pages/${encodeURIComponent(id)}`,
      body: { id, status: 'current', title: page.title, body: page.body, version: { number: page.version, message: page.message } },
      accept: [400],
      action: `update page ${id}`,
    });
  }
}
