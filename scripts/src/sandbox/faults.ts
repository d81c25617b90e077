// Fault injection: what each emulated service should get wrong, set at start (`--faults=jira:auth`)
// or at run time (in-process API or the admin endpoint).
import { NETWORK_FAULTS } from './network-faults.js';

export type ServiceName = 'jira' | 'confluence' | 'linear' | 'github';
export const SERVICES: ServiceName[] = ['jira', 'confluence', 'linear', 'github'];

export const FAULTS = [
  'auth', // bad credentials: 401 in the vendor's shape
  'permission', // the user may read but not create
  'timeout', // hang: never answer (past the client's timeout)
  'refused', // stop listening: connection refused
  'rate-limit', // 429 (GitHub 403, Linear 400 RATELIMITED) with Retry-After
  'server-error', // 503
  'html', // a proxy's 502 HTML page
  'field-not-on-screen', // Jira: a create/edit field is not on the screen
  'required-field', // Jira: a required custom field (customfield_10001, Sprint) is missing
  'epic-not-found', // Jira: parent/epic cannot be found
  'duplicate-title', // Confluence: a page with this title already exists
  'space-not-found', // Confluence: the space does not exist
  'not-found', // the project / team / repository does not exist
  'issues-disabled', // GitHub: issues are disabled (410)
  ...NETWORK_FAULTS, // redirects and connections that drop after the work is done (network-faults.ts)
  'fine-grained-token', // GitHub: reads pass, every write answers 403 with X-Accepted-GitHub-Permissions
] as const;
export type FaultName = (typeof FAULTS)[number];

const ALIASES: Record<string, FaultName> = { hang: 'timeout', '5xx': 'server-error', 'bad-credentials': 'auth', '429': 'rate-limit', 'rate-limited': 'rate-limit', 'connection-refused': 'refused' };

export interface FaultSpec {
  fault: FaultName;
  /** Only for the next N requests (then it clears itself); unlimited when absent. */
  times?: number;
  /** Rate-limit: seconds in Retry-After (default 1). */
  retryAfter?: number;
}

export function faultName(raw: string): FaultName {
  const name = (ALIASES[raw] ?? raw) as FaultName;
  if (!FAULTS.includes(name)) throw new Error(`unknown fault "${raw}": expected one of ${FAULTS.join(', ')}`);
  return name;
}

export function serviceName(raw: string): ServiceName {
  if (!SERVICES.includes(raw as ServiceName)) throw new Error(`unknown service "${raw}": expected one of ${SERVICES.join(', ')}`);
  return raw as ServiceName;
}

/** `jira:auth,github:rate-limit*1` → faults per service (`*N`: only the next N requests). */
export function parseFaults(text: string): Array<{ service: ServiceName; spec: FaultSpec }> {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = item.match(/^([a-z]+):([a-z0-9-]+)(?:\*(\d+))?$/);
      if (!m) throw new Error(`bad fault "${item}": expected service:fault, e.g. jira:auth`);
      const spec: FaultSpec = { fault: faultName(m[2] as string) };
      if (m[3]) spec.times = Number(m[3]);
      return { service: serviceName(m[1] as string), spec };
    });
}

/** The active faults of every service. */
export class FaultBoard {
  private readonly active = new Map<ServiceName, FaultSpec[]>();
  set(service: ServiceName, spec: FaultSpec): void {
    const list = (this.active.get(service) ?? []).filter((f) => f.fault !== spec.fault);
    list.push({ ...spec });
    this.active.set(service, list);
  }
  clear(service?: ServiceName, fault?: FaultName): void {
    if (!service) return this.active.clear();
    if (!fault) return void this.active.delete(service);
    this.active.set(service, (this.active.get(service) ?? []).filter((f) => f.fault !== fault));
  }
  has(service: ServiceName, fault: FaultName): boolean {
    return (this.active.get(service) ?? []).some((f) => f.fault === fault);
  }
  get(service: ServiceName, fault: FaultName): FaultSpec | undefined {
    return (this.active.get(service) ?? []).find((f) => f.fault === fault);
  }
  /** Check a fault and count one use of it (faults with `times` clear themselves). */
  take(service: ServiceName, fault: FaultName): FaultSpec | undefined {
    const f = this.get(service, fault);
    if (!f) return undefined;
    if (f.times !== undefined) {
      f.times -= 1;
      if (f.times <= 0) this.clear(service, fault);
    }
    return f;
  }
  list(): Record<string, FaultSpec[]> {
    return Object.fromEntries([...this.active].filter(([, v]) => v.length));
  }
}
