// What the sandbox benchmarks in scripts/bench/ share (kept out of that folder: bench.mjs runs every
// module there as a benchmark).
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';

/** Starts `spec sandbox --port=0 --json …args` and resolves with the child and the object it prints. */
export function startSandbox(bundle, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, 'sandbox', '--port=0', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const start = out.indexOf('{');
      if (start < 0) return;
      try {
        resolve({ child, info: JSON.parse(out.slice(start)) });
      } catch {
        // not the whole object yet
      }
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
}

/** A loopback proxy in front of `target` that calls `tally(req, status, body)` for every answer it forwards. */
export function countingProxy(target, tally) {
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const fwd = httpRequest({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: { ...req.headers, host: t.host } }, (up) => {
        const body = [];
        up.on('data', (c) => body.push(c));
        up.on('end', () => {
          const bytes = Buffer.concat(body);
          tally(req, up.statusCode, bytes.toString());
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(bytes);
        });
      });
      fwd.on('error', () => res.destroy());
      fwd.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => (server.closeAllConnections(), server.close()) })));
}

/** Runs a command asynchronously (so a proxy in this process keeps answering) and collects its output. */
export function runChild(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
