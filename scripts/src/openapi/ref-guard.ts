// External $refs may only name regular files inside the project. A ref to /etc/passwd printed the file
// into the terminal and the error log, /dev/zero grew without end and a FIFO hung the run: so every
// external ref is checked before swagger-parser runs, and the parser's only file resolver (below) checks
// again for refs found inside referenced files. Nothing is fetched over the network.
import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, resolve } from 'node:path';
import { errorMessage } from '../core/errors.js';
import { readInside } from '../core/inside.js';
import type { OpenapiFinding } from './findings.js';
import { collectRefs } from './lint.js';

/** A referenced file may be this large (GitHub's whole REST description is 12 MB). */
export const MAX_REF_BYTES = 16 * 1024 * 1024;

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Why `ref` (found in `fromFile`) may not be followed, or undefined when it names a file we may read. */
export function refProblem(root: string, fromFile: string, ref: string): { code: string; message: string } | undefined {
  const target = ref.split('#')[0] as string;
  if (target === '') return undefined; // local
  const refuse = (why: string) => ({ code: 'unsafe-ref', message: `$ref '${ref}' is not followed: ${why}` });
  if (SCHEME.test(target)) return refuse('only relative paths to files inside the project are followed (no URLs)');
  if (isAbsolute(target)) return refuse('an absolute path; use a path relative to the file, inside the project');
  let path: string;
  try {
    path = resolve(dirname(fromFile), decodeURI(target));
  } catch {
    return refuse('not a valid path');
  }
  try {
    readInside(root, path, target, MAX_REF_BYTES);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ENOENT') return { code: 'unresolved-ref', message: `Unresolved $ref '${ref}': ${target} does not exist` };
    return refuse(errorMessage(error).replace(`${target} `, 'it '));
  }
  return undefined;
}

/** One error finding per external $ref that leaves the project or names something other than a small regular file. */
export function lintExternalRefs(api: unknown, file: string, root: string): OpenapiFinding[] {
  const findings: OpenapiFinding[] = [];
  for (const { at, ref } of collectRefs(api)) {
    const problem = refProblem(root, file, ref);
    if (problem) findings.push({ level: 'error', ...problem, pointer: `${at}/$ref` });
  }
  return findings;
}

/**
 * swagger-parser `resolve` options: no http, no plain file reader; only our checked reader. Each refusal
 * is also pushed to `refused`, because the parser replaces our message with "Error reading file".
 */
export function guardedResolvers(root: string, refused: string[] = []): Record<string, unknown> {
  return {
    external: true,
    http: false,
    file: false,
    project: {
      order: 1,
      canRead: true,
      read(file: { url: string }): Buffer {
        const url = file.url;
        let path: string;
        if (/^file:/i.test(url)) path = fileURLToPath(url);
        else if (SCHEME.test(url) && !/^[a-z]:[\\/]/i.test(url)) {
          refused.push(`$ref '${url}' is not followed: only relative paths to files inside the project are followed (no URLs)`);
          throw new Error(refused[refused.length - 1]);
        } else path = decodeURI(url);
        try {
          return readInside(root, path, path, MAX_REF_BYTES);
        } catch (error) {
          refused.push(`$ref to ${path} is not followed: ${errorMessage(error).replace(`${path} `, 'it ')}`);
          throw new Error(refused[refused.length - 1]);
        }
      },
    },
  };
}
