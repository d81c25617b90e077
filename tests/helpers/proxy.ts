// A small forward HTTP proxy on 127.0.0.1 for tests: CONNECT tunnels (https targets) and absolute-form
// requests (http targets), each counted with its target, optionally behind Basic proxy auth (407).
// Written here rather than taken from a package: it is ~100 lines, and the tests need its counters.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll } from 'vitest';

export interface ProxySeen {
  /** `CONNECT` or the forwarded method. */
  method: string;
  /** `host:port` for CONNECT; the absolute URL otherwise. */
  target: string;
  /** Request headers as the proxy received them (absolute-form only; a tunnel is opaque). */
  headers: Record<string, string | string[] | undefined>;
}

export interface TestProxy {
  url: string;
  port: number;
  /** Every CONNECT and absolute-form request, in order (including refused 407 ones). */
  seen: ProxySeen[];
  connects(): number;
  requests(): number;
  /** Requests that passed auth and were forwarded. */
  forwarded(): number;
  reset(): void;
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** `user:password`: anything else gets 407 Proxy Authentication Required. */
  auth?: string;
}

const open: TestProxy[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

function authorized(req: IncomingMessage, auth: string | undefined): boolean {
  if (!auth) return true;
  const h = req.headers['proxy-authorization'];
  return typeof h === 'string' && h === `Basic ${Buffer.from(auth).toString('base64')}`;
}

const DENIED = 'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test-proxy"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';

export async function startProxy(options: ProxyOptions = {}): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  let forwarded = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: { ...req.headers } });
    if (!authorized(req, options.auth)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test-proxy"', 'Content-Length': '0' });
      return res.end();
    }
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      return res.end('absolute-form request expected');
    }
    forwarded++;
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest({ host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end('upstream failed');
    });
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', headers: { ...req.headers } });
    if (!authorized(req, options.auth)) return void client.end(DENIED);
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    forwarded++;
    const upstream = connect(Number(port), host as string, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    const drop = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', () => (client.writable ? client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n') : drop()));
    client.on('error', drop);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxy: TestProxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    connects: () => seen.filter((s) => s.method === 'CONNECT').length,
    requests: () => seen.filter((s) => s.method !== 'CONNECT').length,
    forwarded: () => forwarded,
    reset: () => {
      seen.length = 0;
      forwarded = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  open.push(proxy);
  return proxy;
}
