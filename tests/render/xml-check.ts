// A strict XML well-formedness check (no XML parser is installed): balanced tags, quoted attributes
// without duplicates, only defined entities, CDATA and comments closed, nothing but text between tags.
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const name = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
  const tagRe = new RegExp(`^<(/?)(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`);
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    for (const m of text.matchAll(/&([^;\s]*);?/g)) {
      if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) problems.push(`bad entity ${m[0]}`);
    }
    if (text.includes('>') && /\]\]>/.test(text)) problems.push(`']]>' in text`);
    if (lt < 0) break;
    const rest = xml.slice(lt);
    if (rest.startsWith('<![CDATA[')) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) return [...problems, 'unclosed CDATA'];
      i = end + 3;
      continue;
    }
    if (rest.startsWith('<!--')) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return [...problems, 'unclosed comment'];
      i = end + 3;
      continue;
    }
    const m = tagRe.exec(rest);
    if (!m) return [...problems, `malformed tag at ${lt}: ${rest.slice(0, 40)}`];
    const [, close, tag, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    const seen = new Set<string>();
    for (const a of (attrs ?? '').matchAll(new RegExp(`(${name})\\s*=\\s*("[^"]*"|'[^']*')`, 'g'))) {
      if (seen.has(a[1] as string)) problems.push(`duplicate attribute ${a[1]}`);
      seen.add(a[1] as string);
      for (const e of (a[2] as string).matchAll(/&([^;\s]*);?/g)) {
        if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(e[0])) problems.push(`bad entity in attribute ${e[0]}`);
      }
    }
    if (close) {
      if (stack.pop() !== tag) return [...problems, `unbalanced </${tag}>`];
    } else if (!selfClose) stack.push(tag);
    i = lt + m[0].length;
  }
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  return problems;
}
