// The one way the helper writes a string into YAML frontmatter. Quoted, it is a one-line double-quoted
// scalar: JSON string syntax (YAML 1.2 reads JSON) with the characters JSON leaves raw but YAML or a
// line-splitting reader would trip on escaped too (DEL, C1 controls, NEL, U+2028/2029, BOM). So quotes,
// backslashes, colons, '#', leading '-', '*', '&', '!', newlines, tabs and any Unicode survive a round trip,
// and no value can ever span lines or fake a closing '---'. Pure.
import { parse, stringify } from 'yaml';

const JSON_RAW_BUT_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;
const HAS_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff]/;

export function yamlString(value: string, style: 'quoted' | 'plain-if-safe' = 'quoted'): string {
  if (style === 'plain-if-safe') {
    const plain = stringify(value, { defaultStringType: 'PLAIN', lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
    if (!plain.includes('\n') && !HAS_UNSAFE.test(plain) && !plain.startsWith('"') && !plain.startsWith("'")) return plain;
  }
  return JSON.stringify(value).replace(JSON_RAW_BUT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The string a YAML scalar as written in a template stands for ("…", '…' or plain). */
export function yamlScalarText(written: string): string {
  const t = written.trim();
  if (t.startsWith('"') || t.startsWith("'")) {
    try {
      const v: unknown = parse(t);
      if (typeof v === 'string') return v;
    } catch {
      // fall through: use the text as written
    }
  }
  return t;
}
