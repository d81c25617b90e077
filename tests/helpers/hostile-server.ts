// A hostile fake tracker on loopback (127.0.0.1 only): each test says how it misbehaves. Every request
// is counted; the server is closed after the test file, and connections are destroyed so a hanging
// response cannot keep the test alive.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll } from 'vitest';

export interface Hostile {
  url: string;
  requests: Array<{ method: string; path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

const open: Hostile[] = [];
afterAll(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
});

export async function hostileServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<Hostile> {
  const sockets = new Set<Socket>();
  const requests: Hostile['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    handle(req, res, requests.length);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const h: Hostile = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
  open.push(h);
  return h;
}
