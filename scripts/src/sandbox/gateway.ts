// The Atlassian API gateway (api.atlassian.com) as scoped API tokens need it, and how the site answers
// such a token. Sources:
// - Scoped tokens (the only kind a service account can create) work only through
//   `https://api.atlassian.com/ex/jira/<cloudId>/…` and `…/ex/confluence/<cloudId>/…`; the site URL
//   answers 401: https://support.atlassian.com/atlassian-cloud/kb/401-unauthorized-error-when-service-account-accesses-jira-or-confluence-api
// - The 401 a scope problem gets: body `{"code":401,"message":"Unauthorized; scope does not match"}`
//   with `X-Failure-Category: FAILURE_CLIENT_SCOPE_CHECK` (https://github.com/kovetskiy/mark/issues/917;
//   the same body in https://community.atlassian.com/forums/Jira-Service-Management/Having-problems-with-Jira-scope-for-rule-management-API/qaq-p/3135618).
// - The cloud id is public at `<site>/_edge/tenant_info` → `{"cloudId":"…"}`, no credentials
//   (https://support.atlassian.com/jira/kb/retrieve-my-atlassian-sites-cloud-id/).
import { SANDBOX_CREDENTIALS as C } from './credentials.js';
import type { ServiceName } from './faults.js';
import { basicCredentials, json, type Reply, type SandboxRequest } from './http.js';

export type Entry = 'site' | 'gateway';

/** `/ex/jira/<id>/rest/api/3/x` → jira `/rest/api/3/x`; `/ex/confluence/<id>/wiki/api/v2/x` → confluence `/api/v2/x`. */
export function gatewayRoute(path: string): { service: ServiceName; cloudId: string; path: string; root: string } | undefined {
  const m = path.match(/^\/ex\/(jira|confluence)\/([^/]+)(\/.*)?$/);
  if (!m) return undefined;
  const service = m[1] as 'jira' | 'confluence';
  const cloudId = decodeURIComponent(m[2] as string);
  let rest = m[3] ?? '/';
  let root = `/ex/${service}/${m[2]}`;
  if (service === 'confluence') {
    if (rest !== '/wiki' && !rest.startsWith('/wiki/')) return { service, cloudId, path: rest, root };
    rest = rest.slice('/wiki'.length) || '/';
    root += '/wiki';
  }
  return { service, cloudId, path: rest, root };
}

/** Whether the request carries the sandbox's scoped token (with the sandbox email). */
export function hasScopedToken(req: SandboxRequest): boolean {
  const c = basicCredentials(req);
  return c?.user === C.atlassianEmail && c.password === C.atlassianScopedToken;
}

/** Classic tokens are accepted by the gateway too; scoped ones only there. */
export function gatewayAuthorized(req: SandboxRequest): boolean {
  const c = basicCredentials(req);
  return c?.user === C.atlassianEmail && (c.password === C.atlassianScopedToken || c.password === C.atlassianToken);
}

/** The site's answer to a scoped token, and the gateway's to a token without the scope. */
export function scopeMismatch(): Reply {
  return json(401, { code: 401, message: 'Unauthorized; scope does not match' }, { 'X-Failure-Category': 'FAILURE_CLIENT_SCOPE_CHECK' });
}

/** The gateway's answer to missing or wrong credentials (same envelope, no scope category). */
export function gatewayUnauthorized(): Reply {
  return json(401, { code: 401, message: 'Unauthorized' });
}

/** A cloud id the gateway does not know (assumed envelope: the gateway's `{code, message}`). */
export function unknownCloud(cloudId: string): Reply {
  return json(404, { code: 404, message: `No site found for cloud id ${cloudId}` });
}

/** `GET <site>/_edge/tenant_info`: public, no credentials. */
export function tenantInfo(): Reply {
  return json(200, { cloudId: C.atlassianCloudId });
}
