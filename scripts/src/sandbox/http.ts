// The small HTTP vocabulary the emulators share (nothing here is shared with our tracker clients).
import type { IncomingHttpHeaders } from 'node:http';
import type { ScaledClock } from '../core/scaled-clock.js';
import type { FaultBoard, ServiceName } from './faults.js';

export interface SandboxRequest {
  method: string;
  /** Path without the query string, relative to the service root (`/rest/api/3/myself`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined (use `text`). */
  json: unknown;
}

export type Reply =
  | { status: number; body?: unknown; headers?: Record<string, string>; contentType?: string }
  | { hang: true };

export interface EmulatorContext {
  service: ServiceName;
  faults: FaultBoard;
  clock: ScaledClock;
  /** Public root of this service: `http://127.0.0.1:4700`, `…/wiki`, `…/graphql`, GitHub API root. */
  baseUrl: string;
}

export interface Emulator {
  /** Whether the request carries the sandbox's credentials. */
  authorized(req: SandboxRequest): boolean;
  /** The vendor's answer to missing or bad credentials. */
  unauthorized(): Reply;
  handle(req: SandboxRequest, ctx: EmulatorContext): Reply | Promise<Reply>;
  /** Rate-limit headers for every response. */
  rateHeaders(): Record<string, string>;
  /** Count the request against the limits; a Reply when it is over. */
  limit(ctx: EmulatorContext, req: SandboxRequest): Reply | undefined;
  /** The vendor's rate-limit answer (fault or real limit). */
  rateLimited(ctx: EmulatorContext, retryAfterSeconds: number): Reply;
  /** The vendor's 5xx body. */
  serverError(): Reply;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, body, headers });

/** `/a/{x}/b` matcher → params, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const a = path.replace(/\/+$/, '').split('/');
  if (p.length !== a.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    const val = a[i] as string;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      if (!val) return undefined;
      out[seg.slice(1, -1)] = decodeURIComponent(val);
    } else if (seg !== val) return undefined;
  }
  return out;
}

export function basicCredentials(req: SandboxRequest): { user: string; password: string } | undefined {
  const h = req.headers.authorization;
  if (!h || !/^Basic /i.test(h)) return undefined;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i < 0 ? undefined : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export const HTML_502 =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>corporate-proxy/1.2</center></body></html>\n';
