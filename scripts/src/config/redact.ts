// Secrets never reach output, logs or state files: every text that leaves the process passes here.
// A secret can come back from a server, proxy or gateway in any of the forms a client sends it in:
// raw, URL-encoded, JSON-escaped, or inside base64 (`Basic base64(email:token)`, with or without the
// scheme). Inside a longer base64 string a secret starts at any byte offset modulo 3, so each secret
// is masked in all three alignments: the base64 characters that depend on its bytes alone.

const MIN_SECRET = 4;
const MASK = '[hidden]';

/** Secrets seen by loadConfig in this process: redact() always masks them too, so no caller can forget. */
const remembered = new Set<string>();

export function rememberSecrets(secrets: Iterable<string>): void {
  for (const s of secrets) if (s.length >= MIN_SECRET) remembered.add(s);
}

/** The base64 characters determined by `secret`'s bytes alone when it starts at byte offset k (mod 3). */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const text = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * (k + bytes.length)) / 6); // exclusive
    const core = text.slice(first, last);
    if (core.length >= MIN_SECRET) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

const formsCache = new Map<string, string[]>();

/** Every form of one secret that may appear in text, longest first so a longer form is never half-masked. */
export function secretForms(secret: string): string[] {
  const cached = formsCache.get(secret);
  if (cached) return cached;
  const forms = new Set<string>([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1), ...base64Cores(secret)]);
  const list = [...forms].filter((f) => f.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  formsCache.set(secret, list);
  return list;
}

/** Credentials written into a URL (`https://user:password@host`): the password, and user:password. */
export function urlCredentials(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]*)@/gi)) {
    const userinfo = m[1] as string;
    const colon = userinfo.indexOf(':');
    if (colon >= 0) found.push(userinfo.slice(colon + 1));
    found.push(userinfo);
    try {
      found.push(decodeURIComponent(userinfo.slice(colon + 1)));
    } catch {
      // not valid percent-encoding: the raw form is masked anyway
    }
  }
  return found.filter((s) => s.length >= MIN_SECRET);
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const all = new Set<string>([...secrets.filter((s) => s.length >= MIN_SECRET), ...remembered, ...urlCredentials(text)]);
  for (const secret of all) {
    for (const form of secretForms(secret)) if (out.includes(form)) out = out.split(form).join(MASK);
  }
  // Whatever the scheme, the credential after it goes; the scheme (Basic, Bearer…) may stay.
  out = out.replace(/(authorization["']?\s*[:=]\s*["']?)(?:(basic|bearer|token)\s+)?[^\s"',;}]+/gi, (_all, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`);
  // A credential-looking word after Basic/Bearer (it has a digit or a base64 sign; "Basic authentication" stays).
  out = out.replace(/\b(Basic|Bearer)\s+(?=[A-Za-z0-9+/_.~-]*[0-9+/=])[A-Za-z0-9+/_.~-]{12,}={0,2}/g, (_all, scheme: string) => `${scheme} ${MASK}`);
  // userinfo in any URL, known secret or not
  return out.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, (_all, scheme: string) => `${scheme}${MASK}@`);
}
