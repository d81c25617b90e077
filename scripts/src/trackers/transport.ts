// The one HTTP transport of every tracker client: native fetch, timeout, one retry, the rate-limit wait,
// pacing and error classification. The policy itself is pure (policy.ts); this file does the I/O. What
// differs between trackers (headers, rate-limit signals, error shapes) comes in as a dialect (dialect.ts).
import { TRACKER_NAMES, type Tracker } from '../config/keys.js';
import { redact } from '../config/redact.js';
import { USER_AGENT } from '../core/version.js';
import type { ProxyEnv } from '../config/proxy-env.js';
import { proxyFetch, proxyFor, unusableProxy, type ProxyChoice } from '../net/proxy.js';
import { isRedirect, redirectVerdict } from '../net/redirect.js';
import { tlsFailure, tlsMessage } from '../net/tls.js';
import { classifyResponse, graphqlErrors, networkError, statusLine } from './classify.js';
import type { Auth, Dialect } from './dialect.js';
import { TrackerError } from './errors.js';
import { BodyTooLargeError, MAX_BODY_BYTES, readCapped } from '../net/bounded-body.js';
import { budgetHeaders, decide, NETWORK_FAILURES_BEFORE_SKIP, newBudget, paceDelay, type Headers, type NetworkFailure, type RateBudget, type RequestOp } from './policy.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TransportOptions {
  dialect: Dialect;
  /** API root: a site, a wiki under it, a GraphQL endpoint. */
  baseUrl: string;
  auth: Auth;
  timeoutMs?: number;
  rateLimitMaxWaitMs?: number;
  /** Shared by all transports of this tracker in a run (see budgetFor). */
  budget?: RateBudget;
  /** Paces by class: e.g. `{ 'content-create': 80 }` requests per minute (a secondary limit). */
  paces?: Record<string, number>;
  clock?: Clock;
  secrets?: readonly string[];
  /** Receives redacted request lines when set (SPEC_DEBUG=1). */
  debug?: (line: string) => void;
  userAgent?: string;
  fetch?: typeof fetch;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY: undici is loaded only when a request goes through a proxy. */
  proxy?: ProxyEnv;
  /** The setting that holds baseUrl, for redirect messages (SPEC_ATLASSIAN_URL…). */
  baseKey?: string;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to baseUrl; may carry its own query string. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults from the method: GET read, POST create, PUT/PATCH/DELETE update. */
  op?: RequestOp;
  /** Pace class of this request (see TransportOptions.paces). */
  pace?: string;
  /** For messages: "create issue". */
  action?: string;
  /** Statuses the caller handles itself (returned, not thrown), e.g. [404] for a lookup. */
  accept?: number[];
}

export interface TrackerResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: T;
  text: string;
}

const budgets = new Map<Tracker, RateBudget>();

/** The run-wide rate budget of a tracker: after a second rate limit, `exhausted` tells sync to stop and mark work pending. */
export function budgetFor(integration: Tracker): RateBudget {
  let b = budgets.get(integration);
  if (!b) budgets.set(integration, (b = newBudget(integration)));
  return b;
}

function failureOf(error: unknown, timedOut: boolean): { failure: NetworkFailure; detail: string } {
  if (timedOut) return { failure: 'timeout', detail: 'timeout' };
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? '';
  if (code === 'ECONNREFUSED') return { failure: 'refused', detail: code };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { failure: 'dns', detail: code };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { failure: 'reset', detail: code };
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return { failure: 'timeout', detail: code };
  return { failure: 'other', detail: code || cause?.message || (error as Error)?.message || 'fetch failed' };
}

function authorization(auth: Auth): string {
  if (auth.scheme === 'basic') return `Basic ${Buffer.from(`${auth.email}:${auth.token}`).toString('base64')}`;
  if (auth.scheme === 'bearer') return `Bearer ${auth.token}`;
  return auth.token;
}

export class Transport {
  readonly integration: Tracker;
  readonly dialect: Dialect;
  readonly budget: RateBudget;
  private readonly o: Required<Pick<TransportOptions, 'timeoutMs' | 'rateLimitMaxWaitMs' | 'clock' | 'userAgent'>> & TransportOptions;
  private readonly secrets: string[];

  constructor(options: TransportOptions) {
    this.dialect = options.dialect;
    this.integration = options.dialect.tracker;
    this.budget = options.budget ?? budgetFor(this.integration);
    this.o = { timeoutMs: 30_000, rateLimitMaxWaitMs: 60_000, clock: realClock, userAgent: USER_AGENT, ...options };
    this.secrets = [...(options.secrets ?? []), options.auth.token, authorization(options.auth)].filter((s) => s.length >= 4);
  }

  get baseUrl(): string {
    return this.o.baseUrl.replace(/\/+$/, '');
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  url(spec: Pick<RequestSpec, 'path' | 'query'>): string {
    const url = new URL(this.baseUrl + (spec.path.startsWith('/') || spec.path === '' ? spec.path : `/${spec.path}`));
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async request<T = unknown>(spec: RequestSpec): Promise<TrackerResponse<T>> {
    const op: RequestOp = spec.op ?? (spec.method === 'GET' ? 'read' : spec.method === 'POST' ? 'create' : 'update');
    const { clock } = this.o;
    const url = this.url(spec);
    const action = spec.action ?? `${spec.method} ${new URL(url).pathname}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.o.userAgent,
      Authorization: authorization(this.o.auth),
      ...this.dialect.requestHeaders,
      ...(spec.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...spec.headers,
    };
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);

    for (let attempt = 0; ; attempt++) {
      if (this.budget.exhausted) {
        throw new TrackerError({ kind: 'rate-limit', integration: this.integration, statusText: '429 Too Many Requests', message: `${TRACKER_NAMES[this.integration]} rate limit reached earlier in this run; not attempted (${action})`, notSent: true });
      }
      if (this.budget.unreachable) {
        throw new TrackerError({ kind: 'network', integration: this.integration, statusText: 'Not attempted', message: `${TRACKER_NAMES[this.integration]} did not answer ${NETWORK_FAILURES_BEFORE_SKIP} times in a row earlier in this run; not attempted (${action})`, notSent: true });
      }
      const pace = spec.pace && this.o.paces?.[spec.pace] ? { name: spec.pace, perMinute: this.o.paces[spec.pace] as number } : undefined;
      // A pacing or reset wait above the cap falls back at once (pending), instead of waiting the cap before every request.
      if (paceDelay(this.budget, clock.now(), Number.POSITIVE_INFINITY, pace) > this.o.rateLimitMaxWaitMs) {
        this.budget.exhausted = true;
        throw new TrackerError({ kind: 'rate-limit', integration: this.integration, statusText: '429 Too Many Requests', message: `${TRACKER_NAMES[this.integration]} asks to wait longer than SPEC_RATE_LIMIT_MAX_WAIT_SECONDS (${Math.round(this.o.rateLimitMaxWaitMs / 1000)}s) before the next request; not attempted (${action})`, notSent: true });
      }
      const hold = paceDelay(this.budget, clock.now(), this.o.rateLimitMaxWaitMs, pace);
      if (hold > 0) {
        this.debug(`pacing ${TRACKER_NAMES[this.integration]}: waiting ${hold} ms`);
        await clock.sleep(hold);
      }
      if (pace) this.budget.lastSent[pace.name] = clock.now();

      if (this.o.debug) {
        const shown = Object.entries(headers).map(([k, v]) => `${k}: ${k.toLowerCase() === 'authorization' ? '[hidden]' : v}`).join('; ');
        this.debug(`→ ${spec.method} ${url} (${shown})${payload ? ` body ${payload.length > 500 ? `${payload.slice(0, 500)}…` : payload}` : ''}`);
      }
      const started = Date.now();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, this.o.timeoutMs);
      let status = 0;
      let resHeaders: Headers = {};
      let text = '';
      let via: ProxyChoice | undefined;
      let stop: string | undefined;
      try {
        // redirect: 'manual': only a same-origin GET redirect is followed (net/redirect.ts).
        const visited = [url];
        for (let target = url; ; ) {
          const route = await this.fetchFor(target);
          via = route.via;
          const res = await route.fetch(target, { method: spec.method, headers, ...(payload === undefined ? {} : { body: payload }), signal: controller.signal, redirect: 'manual' });
          status = res.status;
          resHeaders = {};
          res.headers.forEach((v, k) => (resHeaders[k.toLowerCase()] = v));
          // A stream with a cap, still under the timeout: a 2 GB or endless body is a failure, not a crash.
          text = await readCapped(res.body, MAX_BODY_BYTES, res.headers.get('content-length'));
          if (!isRedirect(status)) break;
          const v = redirectVerdict({ service: TRACKER_NAMES[this.integration], baseKey: this.o.baseKey ?? 'its URL setting', baseUrl: this.baseUrl, method: spec.method, url: target, status, location: resHeaders.location, visited });
          if ('stop' in v) {
            stop = v.stop;
            break;
          }
          this.debug(`${spec.method} ${target} → ${status}, following to ${v.follow}`);
          visited.push(v.follow);
          target = v.follow;
        }
      } catch (error) {
        clearTimeout(timer);
        if (error instanceof BodyTooLargeError) {
          this.budget.networkFailures = 0;
          throw new TrackerError({ kind: 'server', integration: this.integration, status, statusText: `${status} response too large`, message: `${TRACKER_NAMES[this.integration]} answered ${action} with a body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB; not read` });
        }
        if (error instanceof TrackerError) throw error;
        const special = this.specialFailure(error, via, timedOut);
        if (special) throw special;
        const { failure, detail } = failureOf(error, timedOut);
        this.debug(`${spec.method} ${url} → ${failure} (${Date.now() - started} ms)`);
        const d = decide({ dialect: this.dialect, op, attempt, outcome: { type: 'network', failure }, now: clock.now(), maxWaitMs: this.o.rateLimitMaxWaitMs, budget: this.budget });
        if (d.action === 'retry') {
          await clock.sleep(d.delayMs);
          continue;
        }
        this.budget.networkFailures = (this.budget.networkFailures ?? 0) + 1;
        if (this.budget.networkFailures >= NETWORK_FAILURES_BEFORE_SKIP) this.budget.unreachable = true;
        throw networkError(this.integration, failure, this.redact(detail), d.action === 'fail' && d.reason === 'network' ? d.notSent : false, this.o.timeoutMs);
      }
      clearTimeout(timer);
      this.budget.networkFailures = 0;
      this.debug(`${spec.method} ${url} → ${status} (${Date.now() - started} ms)`);
      if (stop) throw new TrackerError({ kind: 'invalid-config', integration: this.integration, status, statusText: statusLine(status), message: this.redact(stop), notSent: true });
      if (status === 407 && via) throw this.proxyAuthError(via);
      Object.assign(this.budget, budgetHeaders(this.dialect, resHeaders));

      const d = decide({ dialect: this.dialect, op, attempt, outcome: { type: 'response', status, headers: resHeaders, body: text }, now: clock.now(), maxWaitMs: this.o.rateLimitMaxWaitMs, budget: this.budget });
      if (d.action === 'retry') {
        if (d.spendsWait) this.budget.waited = true;
        this.debug(`retrying ${spec.method} ${url} in ${d.delayMs} ms`);
        await clock.sleep(d.delayMs);
        continue;
      }
      if (d.action === 'fail' && d.reason === 'rate-limit') this.budget.exhausted = true;
      if (status >= 400 && !spec.accept?.includes(status)) {
        const err = classifyResponse({ dialect: this.dialect, status, headers: resHeaders, body: this.redact(text), action, now: clock.now() });
        // A scoped token on the site URL (or a scope the token lacks): the gateway's `scope does not match` 401.
        if (status === 401 && (/SCOPE/i.test(resHeaders['x-failure-category'] ?? '') || /scope does not match/i.test(text))) {
          const hint = (this.o.baseKey === 'SPEC_ATLASSIAN_URL' && this.dialect.scopedTokenHint) || 'the token lacks a scope this call needs: add it to the token';
          throw new TrackerError({ kind: 'auth', integration: this.integration, status, statusText: err.statusText, message: `${err.message} (${hint})` });
        }
        if (err.kind === 'rate-limit') this.budget.exhausted = true;
        throw err;
      }
      const body = parseBody(text);
      // A 2xx that is not the JSON we asked for (a captive portal's HTML, a truncated body) is a server
      // failure: taken as success it became "created (undefined)" and a …/browse/undefined link.
      if (status < 300 && typeof body === 'string') {
        const kind = /^\s*</.test(text) ? 'an HTML page' : 'text that is not JSON (truncated?)';
        throw new TrackerError({ kind: 'server', integration: this.integration, status, statusText: `${status} unexpected body`, message: `${TRACKER_NAMES[this.integration]} answered ${action} with ${kind}, not JSON` });
      }
      return { status, headers: resHeaders, body: body as T, text };
    }
  }

  /** A GraphQL call: errors in a 200 body are failures too. Queries are reads; mutations are creates unless `op` says otherwise. */
  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, options: { op?: RequestOp; pace?: string; action?: string } = {}): Promise<T> {
    const op = options.op ?? (/^\s*mutation\b/.test(query) ? 'create' : 'read');
    const res = await this.request<{ data?: T; errors?: unknown[] }>({
      method: 'POST',
      path: '',
      body: { query, variables },
      op,
      accept: [400],
      ...(options.pace ? { pace: options.pace } : {}),
      ...(options.action ? { action: options.action } : {}),
    });
    // Only a body with errors is classified (graphqlErrors reads the redacted text again).
    const err = Array.isArray(res.body?.errors) && res.body.errors.length > 0 ? graphqlErrors(this.dialect, res.status, res.headers, this.redact(res.text)) : undefined;
    if (err) {
      if (err.kind === 'rate-limit') this.budget.exhausted = true;
      throw err;
    }
    if (res.status >= 400) throw classifyResponse({ dialect: this.dialect, status: res.status, headers: res.headers, body: this.redact(res.text), ...(options.action ? { action: options.action } : {}) });
    return (res.body.data ?? {}) as T;
  }

  /** The fetch for this URL: undici through a proxy when the proxy variables say so, else the global one. */
  private async fetchFor(url: string): Promise<{ fetch: typeof fetch; via?: ProxyChoice }> {
    if (this.o.fetch) return { fetch: this.o.fetch };
    const p = this.o.proxy;
    if (!p || p.variables.length === 0) return { fetch };
    const bad = unusableProxy(p);
    if (bad) throw new TrackerError({ kind: 'invalid-config', integration: this.integration, statusText: 'Invalid proxy', message: `${bad.key}=${bad.shown} ${bad.problem}: fix ${bad.key} or unset it`, notSent: true });
    const via = proxyFor(new URL(url), p);
    this.debug(via ? `${url} via proxy ${via.shown} (${via.from})` : `${url} direct (no proxy for it${p.noProxy ? `; NO_PROXY=${p.noProxy}` : ''})`);
    return via ? { fetch: await proxyFetch(p), via } : { fetch };
  }

  private proxyAuthError(via: ProxyChoice): TrackerError {
    return new TrackerError({ kind: 'invalid-config', integration: this.integration, status: 407, statusText: '407 Proxy Authentication Required', message: `The proxy ${via.shown} (${via.from}) asks for credentials (407): put user:password before the host in ${via.from}`, notSent: true });
  }

  /** Failures with their own message: the proxy itself, and TLS (neither reached the tracker: safe to retry). */
  private specialFailure(error: unknown, via: ProxyChoice | undefined, timedOut: boolean): TrackerError | undefined {
    if (timedOut) return undefined;
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const code = cause?.code ?? (error as { code?: string })?.code;
    const message = `${cause?.message ?? ''} ${(error as Error)?.message ?? ''}`;
    const service = TRACKER_NAMES[this.integration];
    if (via && /Proxy Authentication Required|Proxy response \(407\)/.test(message)) return this.proxyAuthError(via);
    if (via && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')) {
      return new TrackerError({ kind: 'network', integration: this.integration, statusText: code === 'ECONNREFUSED' ? 'Connection refused' : 'Network error', message: `Unable to reach the proxy ${via.shown} (${via.from}, ${code}) for ${service}: check ${via.from}, or add the host to NO_PROXY`, notSent: true });
    }
    if (via && /Proxy response \((\d+)\)/.test(message)) {
      const st = Number(/Proxy response \((\d+)\)/.exec(message)?.[1]);
      return new TrackerError({ kind: 'network', integration: this.integration, status: st, statusText: statusLine(st), message: `The proxy ${via.shown} (${via.from}) refused the tunnel to ${service} (${st}): check ${via.from} and NO_PROXY`, notSent: true });
    }
    const tls = tlsFailure(code, message);
    if (tls) return new TrackerError({ kind: 'network', integration: this.integration, statusText: 'Network error', message: tlsMessage(service, new URL(this.baseUrl).host, tls), notSent: true });
    return undefined;
  }

  private debug(line: string): void {
    this.o.debug?.(this.redact(line));
  }
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
