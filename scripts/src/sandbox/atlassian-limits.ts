// Jira and Confluence share Atlassian's credentials and rate-limit header family (BEHAVIOURS.md).
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import { basicCredentials, type EmulatorContext, type Reply, type SandboxRequest } from './http.js';
import type { WindowLimiter } from './limiter.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function atlassianRateHeaders(limiter: WindowLimiter): Record<string, string> {
  const h: Record<string, string> = {
    'X-RateLimit-Limit': String(limiter.spec.limit),
    'X-RateLimit-Remaining': String(limiter.remaining),
    'X-RateLimit-Reset': iso(limiter.resetAt),
  };
  if (limiter.remaining < limiter.spec.limit * 0.2) h['X-RateLimit-NearLimit'] = 'true';
  return h;
}

export function atlassian429(ctx: EmulatorContext, limiter: WindowLimiter, retryAfterSeconds: number, reason: string, body: unknown): Reply {
  return {
    status: 429,
    body,
    headers: {
      'Retry-After': String(retryAfterSeconds),
      'X-RateLimit-Limit': String(limiter.spec.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': iso(ctx.clock.now() + retryAfterSeconds * 1000),
      'RateLimit-Reason': reason,
    },
  };
}

export function atlassianAuthorized(req: SandboxRequest): boolean {
  const c = basicCredentials(req);
  return c?.user === C.atlassianEmail && c.password === C.atlassianToken;
}
