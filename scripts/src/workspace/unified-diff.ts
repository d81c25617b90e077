// A unified diff of two texts (what `git diff` prints), pure: an LCS over lines, hunks with three
// lines of context. Used to show a remote edit against the local file before anything is written.

export interface DiffOptions {
  /** Header names: `--- a` / `+++ b`. */
  from?: string;
  to?: string;
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

// Common prefix and suffix are trimmed first, so the quadratic table covers only the changed middle.
function ops(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const n = x.length;
  const m = y.length;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) (t[i] as Uint32Array)[j] = x[i] === y[j] ? ((t[i + 1] as Uint32Array)[j + 1] as number) + 1 : Math.max((t[i + 1] as Uint32Array)[j] as number, (t[i] as Uint32Array)[j + 1] as number);
  const out: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      out.push({ kind: ' ', line: x[i] as string });
      i++;
      j++;
    } else if (j < m && (i >= n || ((t[i] as Uint32Array)[j + 1] as number) >= ((t[i + 1] as Uint32Array)[j] as number))) out.push({ kind: '+', line: y[j++] as string });
    else out.push({ kind: '-', line: x[i++] as string });
  }
  // Deletions before insertions inside a changed run, as git prints them.
  for (let k = 0; k < out.length; ) {
    if (out[k]?.kind === ' ') {
      k++;
      continue;
    }
    let e = k;
    while (e < out.length && out[e]?.kind !== ' ') e++;
    const run = out.slice(k, e);
    out.splice(k, e - k, ...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    k = e;
  }
  out.push(...a.slice(a.length - suf).map((line): Op => ({ kind: ' ', line })));
  return out;
}

/** '' when the texts are equal; otherwise `--- from`, `+++ to` and `@@` hunks. */
export function unifiedDiff(a: string, b: string, options: DiffOptions = {}): string {
  if (a === b) return '';
  const ctx = options.context ?? 3;
  const list = ops(lines(a), lines(b));
  const out = [`--- ${options.from ?? 'a'}`, `+++ ${options.to ?? 'b'}`];
  let k = 0;
  while (k < list.length) {
    while (k < list.length && list[k]?.kind === ' ') k++;
    if (k >= list.length) break;
    let start = Math.max(0, k - ctx);
    let end = k;
    // Extend the hunk while the next change is within 2×context lines.
    for (;;) {
      while (end < list.length && list[end]?.kind !== ' ') end++;
      let gap = end;
      while (gap < list.length && list[gap]?.kind === ' ') gap++;
      if (gap < list.length && gap - end <= 2 * ctx) end = gap;
      else {
        end = Math.min(list.length, end + ctx);
        break;
      }
    }
    const before = list.slice(0, start);
    const aStart = before.filter((o) => o.kind !== '+').length;
    const bStart = before.filter((o) => o.kind !== '-').length;
    const hunk = list.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    const range = (s: number, len: number) => `${len ? s + 1 : s}${len === 1 ? '' : `,${len}`}`;
    out.push(`@@ -${range(aStart, aLen)} +${range(bStart, bLen)} @@`, ...hunk.map((o) => o.kind + o.line));
    k = end;
    start = end;
  }
  return `${out.join('\n')}\n`;
}
