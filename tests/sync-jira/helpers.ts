// Shared by the JIRA and Confluence sync tests: a project pointed at the sandbox, features on disk,
// the sandbox's exchanges of one step, and a proxy that holds a create's response so a test can kill
// the client between the tracker committing the item and the client writing the link back.
import { execa } from 'execa';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUNDLE, cleanEnv, type Project } from '../helpers/project.js';
import { sandboxProject, type Sandbox } from '../helpers/sandbox.js';
import type { Exchange } from '../../scripts/src/sandbox/server.js';

export async function atlassianProject(sb: Sandbox, service: 'jira' | 'confluence', extra: Record<string, string> = {}, env: Record<string, string> = {}): Promise<Project> {
  return sandboxProject(sb, [service], extra, env);
}

export interface FeatureOptions {
  title?: string;
  epic?: string;
  frontmatter?: string;
  body?: string;
  plan?: string;
}

export function specText(title: string, o: FeatureOptions = {}): string {
  const fm = [`title: ${title}`, ...(o.epic ? [`jira_epic: ${o.epic}`] : []), ...(o.frontmatter ? [o.frontmatter] : [])].join('\n');
  return `---\n${fm}\n---\n${o.body ?? `# Feature: ${title}\n\n## Summary\n\n${title} for everyone.\n\n## User Stories\n\n### US1 [P1] Do it\n- AC1.1 Given a user, it works\n`}`;
}

/** features/NNN-slug/{spec,plan}.md; returns the directory name. */
export function writeFeature(p: Project, n: number, slug: string, o: FeatureOptions = {}): string {
  const name = `${String(n).padStart(3, '0')}-${slug}`;
  p.write(`features/${name}/spec.md`, specText(o.title ?? slug.replace(/-/g, ' '), o));
  p.write(`features/${name}/plan.md`, o.plan ?? `# Plan\n\nBuild ${slug} with care.\n\n- step one\n- step two\n`);
  return name;
}

/** The read every sync starts with: the linked stories, one JQL `key in (…)` search per 50. */
export const isInboundRead = (e: Exchange) => e.method === 'POST' && e.path === '/rest/api/3/search/jql' && /"jql":"key in \(/.test(e.requestBody);

/** Every exchange from now until `stop()`; the inbound reads apart, in `inbound`. */
export function recordExchanges(sb: Sandbox): { list: Exchange[]; inbound: Exchange[]; writes: () => Exchange[]; stop: () => void } {
  const list: Exchange[] = [];
  const inbound: Exchange[] = [];
  const stop = sb.onExchange((e) => (isInboundRead(e) ? inbound : list).push(e));
  return { list, inbound, stop, writes: () => list.filter((e) => e.method !== 'GET') };
}

export const issuesLabelled = (sb: Sandbox, label: string) => [...sb.jira.issues.values()].filter((i) => ((i.fields.labels as string[]) ?? []).includes(label));

/**
 * A loopback proxy in front of the sandbox. It forwards everything, except that the response to the
 * first request `hold` picks is never delivered: the tracker has stored the item, the client waits.
 */
export async function holdingProxy(target: string, hold: (method: string, path: string) => boolean): Promise<{ url: string; held: Promise<void>; close: () => Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let holding = false;
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const fwd = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } }, (up: IncomingMessage) => {
        const body: Buffer[] = [];
        up.on('data', (c: Buffer) => body.push(c));
        up.on('end', () => {
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          if (!holding && hold(req.method ?? 'GET', path) && (up.statusCode ?? 500) < 300) {
            holding = true;
            release();
            return; // never answer
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(body));
        });
      });
      fwd.on('error', () => res.destroy());
      fwd.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    held,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Run `spec <args>` through a proxy that holds the create, SIGKILL the process once the tracker stored the item. */
export async function killAfterCreate(p: Project, sb: Sandbox, args: string[], hold: (method: string, path: string) => boolean): Promise<{ signal: string | undefined }> {
  const proxy = await holdingProxy(sb.urls.atlassian, hold);
  try {
    const child = execa('node', [BUNDLE, ...args], { cwd: p.root, env: cleanEnv({ ...p.env, SPEC_ATLASSIAN_URL: proxy.url }), extendEnv: false, reject: false });
    const outcome = await Promise.race([proxy.held.then(() => 'held' as const), child.then(() => 'exited' as const)]);
    if (outcome === 'held') child.kill('SIGKILL');
    const r = await child;
    return { signal: r.signal ?? undefined };
  } finally {
    await proxy.close();
  }
}
