// Runs the four emulators on loopback: one server for the Atlassian site (Jira at /rest/api/3,
// Confluence at /wiki/api/v2), one for Linear (/graphql), one for GitHub (API root), one for the
// Atlassian API gateway (/ex/jira/<cloudId>, /ex/confluence/<cloudId>/wiki: scoped tokens), and a small
// admin server to set and clear faults from another process (it also hosts /landing, the "other site"
// cross-origin redirects point at). Generic faults (hang, refused, 5xx, HTML page,
// bad credentials, rate limit) are applied here; field-level faults inside each emulator.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { scaledClock, type ScaledClock } from '../core/scaled-clock.js';
import { adminEdit } from './admin-edits.js';
import { ConfluenceEmulator } from './confluence.js';
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { FaultBoard, faultName, parseFaults, serviceName, SERVICES, type FaultName, type FaultSpec, type ServiceName } from './faults.js';
import { gatewayAuthorized, gatewayRoute, gatewayUnauthorized, hasScopedToken, scopeMismatch, tenantInfo, unknownCloud, type Entry } from './gateway.js';
import { GithubEmulator } from './github.js';
import { HTML_502, type Emulator, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import { JiraEmulator } from './jira.js';
import type { LimitSpec } from './limiter.js';
import { LinearEmulator } from './linear.js';
import { AFTER_COMMIT } from './network-faults.js';
import { redirectFor, unmoved } from './redirects.js';
import { adminExtra } from './admin-extras.js';
import { loadState, restore, saveState, snapshot } from './persist.js';

export interface Exchange {
  service: ServiceName;
  /** Atlassian: through the site URL or the API gateway (absent in hand-made exchanges: site). */
  entry?: Entry;
  method: string;
  /** Path relative to the service root (`/rest/api/3/issue`, `/api/v2/pages`, `/graphql`, `/repos/o/r/issues`). */
  path: string;
  query: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

export interface SandboxLimits {
  jira: LimitSpec;
  confluence: LimitSpec;
  linear: LimitSpec;
  github: LimitSpec;
  githubContentCreation: LimitSpec;
}

const DEFAULT_LIMITS: SandboxLimits = {
  jira: { limit: 6000, windowMs: 60_000 }, // burst 100 rps
  confluence: { limit: 6000, windowMs: 60_000 },
  linear: { limit: 1500, windowMs: 3_600_000 },
  github: { limit: 5000, windowMs: 3_600_000 },
  githubContentCreation: { limit: 80, windowMs: 60_000 },
};

/** `jira:100/min,linear:1500/h,github-create:80/min` → limits (units: s, min, h). */
export function parseLimits(text: string): Partial<SandboxLimits> {
  const out: Partial<SandboxLimits> = {};
  const unit: Record<string, number> = { s: 1000, sec: 1000, min: 60_000, m: 60_000, h: 3_600_000, hour: 3_600_000 };
  for (const item of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = item.match(/^(jira|confluence|linear|github|github-create):(\d+)\/(\d*)(s|sec|min|m|h|hour)$/);
    if (!m) throw new Error(`bad limit "${item}": expected service:N/unit, e.g. jira:100/min (services: jira, confluence, linear, github, github-create)`);
    const key = (m[1] === 'github-create' ? 'githubContentCreation' : m[1]) as keyof SandboxLimits;
    out[key] = { limit: Number(m[2]), windowMs: (Number(m[3]) || 1) * (unit[m[4] as string] as number) };
  }
  return out;
}

export interface SandboxOptions {
  /** First port (Atlassian; Linear +1, GitHub +2, admin +3). 0 picks free ports. Default 0. */
  port?: number;
  host?: string;
  /** `jira:auth,github:rate-limit` or parsed specs. */
  faults?: string | Array<{ service: ServiceName; spec: FaultSpec }>;
  /** Emulated time runs this many times faster (rate-limit windows, Retry-After, reset headers). */
  clockScale?: number;
  limits?: Partial<SandboxLimits>;
  onExchange?: (exchange: Exchange) => void;
  /** Gateway mode: config() points Atlassian at the gateway with a scoped token (SPEC_ATLASSIAN_CLOUD_ID). */
  gateway?: boolean;
  /** Jira search-index lag in (emulated) seconds: /search/jql misses issues younger than this. Default 0. */
  searchLagSeconds?: number;
  /** Keep the emulators' items in this JSON file across restarts (`spec sandbox --state=FILE`). */
  statePath?: string;
  /** TLS mode: the emulators (not admin) answer https with this PEM key and certificate. */
  tls?: { key: string; cert: string };
}

/** What reached the admin server's /landing (the target of cross-origin redirects). */
export interface Landing {
  method: string;
  path: string;
  headers: Record<string, string>;
}

export interface SandboxUrls {
  /** Site root: SPEC_ATLASSIAN_URL. */
  atlassian: string;
  jira: string;
  /** `<site>/wiki`. */
  confluence: string;
  /** GraphQL endpoint: SPEC_LINEAR_URL. */
  linear: string;
  /** API root: SPEC_GITHUB_API_URL. */
  github: string;
  /** Gateway root: SPEC_ATLASSIAN_API_GATEWAY (APIs under /ex/jira/<cloudId>, /ex/confluence/<cloudId>/wiki). */
  gateway: string;
  admin: string;
}

type ServerName = 'atlassian' | 'linear' | 'github' | 'gateway';
const SERVER_OF: Record<ServiceName, ServerName> = { jira: 'atlassian', confluence: 'atlassian', linear: 'linear', github: 'github' };

export class Sandbox {
  readonly clock: ScaledClock;
  readonly faults = new FaultBoard();
  readonly credentials = SANDBOX_CREDENTIALS;
  readonly jira: JiraEmulator;
  readonly confluence: ConfluenceEmulator;
  readonly linear: LinearEmulator;
  readonly github: GithubEmulator;
  readonly exchanges: Exchange[] = [];
  /** Requests that followed a cross-origin redirect to the admin server's /landing. */
  readonly landings: Landing[] = [];
  /** Keep every exchange in `exchanges` (contract tests); off by default to bound memory. */
  recordExchanges = false;
  private listeners = new Set<(e: Exchange) => void>();
  private servers = {} as Record<ServerName | 'admin', Server>;
  private ports = {} as Record<ServerName | 'admin', number>;
  private host: string;
  private emulators: Record<ServiceName, Emulator>;

  constructor(private readonly options: SandboxOptions = {}) {
    this.clock = scaledClock(options.clockScale ?? 1);
    this.host = options.host ?? '127.0.0.1';
    const limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.jira = new JiraEmulator(limits.jira, this.clock);
    this.confluence = new ConfluenceEmulator(limits.confluence, this.clock);
    this.linear = new LinearEmulator(limits.linear, this.clock);
    this.github = new GithubEmulator({ primary: limits.github, contentCreation: limits.githubContentCreation }, this.clock);
    this.emulators = { jira: this.jira, confluence: this.confluence, linear: this.linear, github: this.github };
    if (options.onExchange) this.listeners.add(options.onExchange);
    this.jira.search.lagSeconds = options.searchLagSeconds ?? 0;
  }

  get urls(): SandboxUrls {
    const at = (n: ServerName | 'admin') => this.origin(n);
    return { atlassian: at('atlassian'), jira: at('atlassian'), confluence: `${at('atlassian')}/wiki`, linear: `${at('linear')}/graphql`, github: at('github'), gateway: at('gateway'), admin: at('admin') };
  }

  private origin(n: ServerName | 'admin'): string {
    return `${this.options.tls && n !== 'admin' ? 'https' : 'http'}://${this.host}:${this.ports[n]}`;
  }

  /** Subscribe to every request/response pair; returns the unsubscribe function. */
  onExchange(fn: (e: Exchange) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  async start(): Promise<this> {
    const saved = this.options.statePath ? loadState(this.options.statePath) : undefined;
    if (saved) restore(this, saved);
    const first = this.options.port ?? 0;
    const names: Array<ServerName | 'admin'> = ['atlassian', 'linear', 'github', 'admin', 'gateway'];
    for (const [i, name] of names.entries()) {
      const tls = this.options.tls;
      const server =
        name === 'admin'
          ? createServer((q, s) => void this.admin(q, s))
          : tls
            ? (createTlsServer(tls, (q, s) => void this.serve(name, q, s)) as unknown as Server)
            : createServer((q, s) => void this.serve(name, q, s));
      server.keepAliveTimeout = 1000;
      this.servers[name] = server;
      this.ports[name] = await listen(server, first === 0 ? 0 : first + i, this.host);
    }
    const initial = typeof this.options.faults === 'string' ? parseFaults(this.options.faults) : (this.options.faults ?? []);
    for (const f of initial) await this.setFault(f.service, f.spec);
    return this;
  }

  /** Write the state file now (a no-op without `statePath`). */
  persist(): void {
    if (this.options.statePath) saveState(this.options.statePath, snapshot(this));
  }

  async stop(): Promise<void> {
    this.persist();
    await Promise.all(Object.values(this.servers).map((s) => closeServer(s)));
  }

  /** Inject a fault. `refused` stops that service's listener (on the shared Atlassian host: both Jira and Confluence). */
  async setFault(service: ServiceName, fault: FaultName | FaultSpec): Promise<void> {
    const spec = typeof fault === 'string' ? { fault } : fault;
    this.faults.set(service, spec);
    if (spec.fault === 'refused') await closeServer(this.servers[SERVER_OF[service]]);
  }

  /** Clear one fault, every fault of a service, or all faults; a refused listener comes back on its port. */
  async clearFault(service?: ServiceName, fault?: FaultName): Promise<void> {
    const before = new Set(SERVICES.filter((s) => this.faults.has(s, 'refused')).map((s) => SERVER_OF[s]));
    this.faults.clear(service, fault);
    const after = new Set(SERVICES.filter((s) => this.faults.has(s, 'refused')).map((s) => SERVER_OF[s]));
    for (const name of before) {
      if (after.has(name)) continue;
      const server = this.servers[name];
      if (!server.listening) await listen(server, this.ports[name], this.host);
    }
  }

  /** SPEC_* settings that point the plugin at this sandbox: CLAUDE.md lines (no secrets) and env (secrets). */
  config(): { claudeMd: Record<string, string>; env: Record<string, string> } {
    const c = SANDBOX_CREDENTIALS;
    const u = this.urls;
    const gateway = this.options.gateway === true;
    const claudeMd: Record<string, string> = {
      SPEC_ATLASSIAN_SYNC: 'enabled',
      SPEC_ATLASSIAN_URL: u.atlassian,
      ...(gateway ? { SPEC_ATLASSIAN_CLOUD_ID: c.atlassianCloudId, SPEC_ATLASSIAN_API_GATEWAY: u.gateway } : {}),
      SPEC_ATLASSIAN_EMAIL: c.atlassianEmail,
      SPEC_JIRA_PROJECT_KEY: c.jiraProjectKey,
      SPEC_CONFLUENCE_SPACE: c.confluenceSpace,
      SPEC_CONFLUENCE_ROOT_PAGE_ID: c.confluenceRootPageId,
      SPEC_LINEAR_SYNC: 'enabled',
      SPEC_LINEAR_URL: u.linear,
      SPEC_LINEAR_TEAM_ID: c.linearTeamKey,
      SPEC_GITHUB_SYNC: 'enabled',
      SPEC_GITHUB_API_URL: u.github,
      SPEC_GITHUB_OWNER: c.githubOwner,
      SPEC_GITHUB_REPO: c.githubRepo,
    };
    const env: Record<string, string> = { SPEC_ATLASSIAN_API_TOKEN: gateway ? c.atlassianScopedToken : c.atlassianToken, SPEC_LINEAR_API_KEY: c.linearApiKey, SPEC_GITHUB_TOKEN: c.githubToken };
    if (this.clock.scale !== 1) env.SPEC_SANDBOX_CLOCK = `${this.clock.scale}:${this.clock.t0}`;
    return { claudeMd, env };
  }

  /** Which emulator a request is for, the path relative to its root, and its public root URL. */
  private route(server: ServerName, pathname: string): { service: ServiceName; path: string; base: string; entry: Entry } | Reply {
    if (server === 'gateway') {
      const r = gatewayRoute(unmoved(pathname));
      if (!r) return { status: 404, body: { code: 404, message: 'Not Found' } };
      if (r.cloudId !== SANDBOX_CREDENTIALS.atlassianCloudId) return unknownCloud(r.cloudId);
      return { service: r.service, path: r.path, base: `${this.urls.gateway}${r.root}`, entry: 'gateway' };
    }
    const path = unmoved(pathname);
    if (server === 'atlassian' && (path === '/wiki' || path.startsWith('/wiki/'))) return { service: 'confluence', path: path.slice('/wiki'.length) || '/', base: this.urls.confluence, entry: 'site' };
    return { service: server === 'atlassian' ? 'jira' : server, path, base: this.urls[server === 'atlassian' ? 'atlassian' : server], entry: 'site' };
  }

  private async serve(server: ServerName, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (server === 'atlassian' && req.method === 'GET' && url.pathname === '/_edge/tenant_info') return send(res, tenantInfo());
    const routed = this.route(server, url.pathname);
    if (!('service' in routed)) return send(res, routed);
    const { service, path, base, entry } = routed;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const sreq: SandboxRequest = { method: req.method ?? 'GET', path, query: url.searchParams, headers: req.headers, text, json: parsed };
    const ctx: EmulatorContext = { service, faults: this.faults, clock: this.clock, baseUrl: base };
    const emulator = this.emulators[service];
    const write = sreq.method !== 'GET' && (service !== 'linear' || /^\s*mutation\b/.test(String((parsed as { query?: unknown } | undefined)?.query ?? '')));
    const origin = this.origin(server);
    let reply: Reply;
    try {
      reply = redirectFor(this.faults, { service, method: sreq.method, target: req.url ?? '/', origin, elsewhere: `${this.urls.admin}/landing`, write }) ?? (await this.answer(emulator, sreq, ctx, entry));
    } catch (error) {
      reply = { status: 500, body: { message: `sandbox bug: ${(error as Error).message}` } };
    }
    if ('hang' in reply) return; // never answer: the client's timeout fires
    // After-commit faults: the write was carried out (the item exists), then the answer is lost.
    const lost = write && reply.status < 400 ? AFTER_COMMIT.find((f) => this.faults.has(service, f)) : undefined;
    if (lost) {
      this.faults.take(service, lost);
      if (lost === 'reset-after-commit') req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { ...emulator.rateHeaders(), ...reply.headers };
    let body = '';
    if (reply.body !== undefined) {
      if (typeof reply.body === 'string') {
        body = reply.body;
        headers['Content-Type'] = reply.contentType ?? 'text/plain;charset=UTF-8';
      } else {
        body = JSON.stringify(reply.body);
        headers['Content-Type'] = 'application/json;charset=UTF-8';
      }
    }
    if (sreq.method !== 'GET') this.persist(); // before answering, so a client that saw the answer finds it after a restart
    res.writeHead(reply.status, headers);
    res.end(body);
    const exchange: Exchange = {
      service,
      entry,
      method: sreq.method,
      path,
      query: url.search,
      requestHeaders: flatHeaders(req.headers),
      requestBody: text,
      status: reply.status,
      responseHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
      responseBody: body,
    };
    if (this.recordExchanges) this.exchanges.push(exchange);
    for (const fn of this.listeners) fn(exchange);
  }

  private async answer(emulator: Emulator, req: SandboxRequest, ctx: EmulatorContext, entry: Entry): Promise<Reply> {
    const s = ctx.service;
    const f = this.faults;
    if (f.take(s, 'timeout')) return { hang: true };
    if (f.take(s, 'html')) return { status: 502, body: HTML_502, contentType: 'text/html' };
    if (f.take(s, 'server-error')) return emulator.serverError();
    if (entry === 'gateway') {
      if (f.take(s, 'auth') || !gatewayAuthorized(req)) return gatewayUnauthorized();
    } else if (hasScopedToken(req)) return scopeMismatch(); // a scoped token on the site URL
    else if (f.take(s, 'auth') || !emulator.authorized(req)) return emulator.unauthorized();
    const rl = f.take(s, 'rate-limit');
    if (rl) return emulator.rateLimited(ctx, rl.retryAfter ?? 1);
    const limited = emulator.limit(ctx, req);
    if (limited) return limited;
    return emulator.handle(req, ctx);
  }

  private async admin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (url.pathname === '/landing' || url.pathname.startsWith('/landing/')) {
        this.landings.push({ method: req.method ?? 'GET', path: url.pathname.slice('/landing'.length) + url.search, headers: flatHeaders(req.headers) });
        // The "other site" a redirect points at: without credentials it answers as Jira does.
        if (!req.headers.authorization) {
          res.writeHead(401, { 'Content-Type': 'text/plain;charset=UTF-8' });
          return void res.end('Client must be authenticated to access this resource.');
        }
        return send(200, { landed: true });
      }
      if (url.pathname === '/landings' && req.method === 'GET') return send(200, this.landings);
      const edited = adminEdit(this, req.method ?? 'GET', url.pathname, text);
      if (edited) return send(edited.status, edited.body);
      if (url.pathname === '/faults' && req.method === 'GET') return send(200, this.faults.list());
      if (url.pathname === '/faults' && req.method === 'POST') {
        const b = (text ? JSON.parse(text) : {}) as { service?: string; fault?: string; times?: number; retryAfter?: number; faults?: string };
        const list = b.faults ? parseFaults(b.faults) : [{ service: serviceName(String(b.service)), spec: { fault: faultName(String(b.fault)), ...(b.times ? { times: b.times } : {}), ...(b.retryAfter ? { retryAfter: b.retryAfter } : {}) } }];
        for (const x of list) await this.setFault(x.service, x.spec);
        return send(200, this.faults.list());
      }
      if (url.pathname === '/faults' && req.method === 'DELETE') {
        const service = url.searchParams.get('service');
        const fault = url.searchParams.get('fault');
        await this.clearFault(service ? serviceName(service) : undefined, fault ? faultName(fault) : undefined);
        return send(200, this.faults.list());
      }
      const extra = adminExtra(this, req.method ?? 'GET', url.pathname, text);
      if (extra) return send(extra.status, extra.body);
      if (url.pathname === '/state' && req.method === 'GET') {
        return send(200, {
          jira: { issues: this.jira.issues.size },
          confluence: { pages: this.confluence.pages.size },
          linear: { issues: this.linear.issues.size, labels: this.linear.labels.size },
          github: { issues: this.github.issues.length, labels: this.github.labels.length, milestones: this.github.milestones.length },
        });
      }
      return send(404, { message: 'Not Found' });
    } catch (error) {
      return send(400, { message: (error as Error).message });
    }
  }
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return new Sandbox(options).start();
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server || !server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if ('hang' in reply) return;
  const isText = typeof reply.body === 'string';
  res.writeHead(reply.status, { 'Content-Type': isText ? (reply.contentType ?? 'text/plain;charset=UTF-8') : 'application/json;charset=UTF-8', ...reply.headers });
  res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flatHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
