// What a tracker's HTTP dialect is, as data: how it says "rate limited", when its window resets, which
// headers carry its budget, how its error bodies are shaped, and which kinds differ from the shared table.
// Each tracker folder has a dialect.ts filling this in; transport.ts, policy.ts and classify.ts read it and
// name no tracker themselves (model: octokit's plugin-throttling keeps vendor facts out of the policy).
import type { Tracker } from '../config/keys.js';
import type { Config } from '../config/load.js';
import type { ErrorKind } from './errors.js';

export type Auth =
  | { scheme: 'basic'; email: string; token: string }
  | { scheme: 'bearer'; token: string }
  /** A personal API key that goes raw in Authorization. */
  | { scheme: 'raw'; token: string };

/** A response that means "rate limited" although its status is not 429. */
export interface RateLimitSignal {
  status: number;
  /** Matches when this header has this value… */
  header?: readonly [name: string, value: string];
  /** …or when the body matches. */
  body?: RegExp;
}

export interface Dialect {
  tracker: Tracker;
  /** API root and credentials from the loaded config. */
  connection(config: Config): { baseUrl: string; auth: Auth; baseKey: string };
  /** The hint for a 401 that says the token's scope does not match, when calls go to the site URL. */
  scopedTokenHint?: string;
  /** Headers every request carries (API version, media type). */
  requestHeaders?: Readonly<Record<string, string>>;
  /** Besides 429. */
  rateLimitSignals?: readonly RateLimitSignal[];
  /** The header announcing the window's reset, and its unit (`epoch-ms` tolerates seconds). */
  reset?: { header: string; unit: 'iso' | 'epoch-s' | 'epoch-ms' };
  /** A rate limit that names no time but whose body matches: wait this long. */
  fallbackWait?: { body: RegExp; ms: number };
  /** Budget headers, for pacing. */
  budget: { remaining: string; limit: string; nearLimit?: string };
  /** How an `errors[]` array is shaped: GraphQL `extensions`, or a list of problem objects with `title`. */
  errorList?: 'graphql' | 'problems';
  /** Kind by status where it differs from the shared table. */
  statusKinds?: Readonly<Partial<Record<number, ErrorKind>>>;
  /** Message by status; `{message}` is the tracker's own. */
  statusMessages?: Readonly<Partial<Record<number, string>>>;
  /** Kind by GraphQL `extensions.code` and `extensions.type`; `not-found?` is not-found when the message says so, else validation. */
  errorCodes?: Readonly<Record<string, ErrorKind>>;
  errorTypes?: Readonly<Record<string, ErrorKind | 'not-found?'>>;
  /** The status a kind is logged with when the HTTP status says less (a GraphQL 400 that is an auth error). */
  kindStatus?: Readonly<Partial<Record<ErrorKind, number>>>;
  /** Log hint for an authentication error: which settings hold the credentials. */
  credentialHint: string;
  /** The command that retries a feature's items, when it is not `spec sync`. */
  retryCommand?: string;
}
