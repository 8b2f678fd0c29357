// A static file host as plain as they come, for the specs that deploy the build: it serves one folder
// under one path prefix (as https://example.github.io/gradlab/ does) and answers 404 to everything
// else, so a URL the page makes absolute fails. It sends no security headers: the page must work
// without them.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.gz': 'application/gzip',
  '.wasm': 'application/wasm',
};

export interface StaticHost {
  /** The deployment's address, ending in the prefix's slash. */
  url: string;
  /** Serves another folder from now on: a new deployment. */
  deploy(folder: string): void;
  /** The paths it answered 404 to. */
  missing: string[];
  close(): Promise<void>;
}

export async function hostStatically(folder: string, port: number, prefix = '/gradlab/'): Promise<StaticHost> {
  let root = folder;
  const missing: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const file = path.startsWith(prefix) ? normalize(path.slice(prefix.length) || 'index.html') : null;
    if (file === null || file.startsWith('..')) {
      missing.push(path);
      response.writeHead(404).end();
      return;
    }
    readFile(join(root, file)).then(
      (body) => response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(body),
      () => {
        missing.push(path);
        response.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    deploy: (next) => void (root = next),
    missing,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
