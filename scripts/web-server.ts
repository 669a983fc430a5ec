import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { projectRoot } from '../common/config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface WebClientSettings {
  port: number;
  /** What the browser is told at /config.json. */
  config: { gatewayUrl: string; authority: string; clientId: string; scope: string };
  /** The built app (`vite build web`). */
  root?: string;
}

/**
 * Serves the built web client: its files, `/config.json` (where the gateway and the provider are, so one build
 * runs anywhere), and index.html for every other path (the app's routes, /callback among them). Nothing is
 * loaded from another host.
 */
export async function startWebServer(settings: WebClientSettings): Promise<{ server: Server; url: string }> {
  const root = settings.root ?? resolve(projectRoot, 'web/dist');
  if (!existsSync(resolve(root, 'index.html'))) throw new Error(`the web client is not built (${root}): run npm run web:build`);
  const configJson = JSON.stringify(settings.config);
  const headers = (type: string) => ({
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Scripts and styles only from here; the gateway and the provider are the only other hosts it talks to.
    'content-security-policy': `default-src 'self'; connect-src 'self' ${new URL(settings.config.gatewayUrl).origin} ${new URL(settings.config.authority).origin}; form-action 'self' ${new URL(settings.config.authority).origin}; frame-ancestors 'none'`,
  });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    if (path === '/config.json')
      return void res.writeHead(200, { ...headers('application/json'), 'cache-control': 'no-store' }).end(configJson);
    const file = resolve(root, `.${path}`);
    const inside = file.startsWith(root + sep);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      const immutable = path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return void res
        .writeHead(200, { ...headers(TYPES[extname(file)] ?? 'application/octet-stream'), 'cache-control': immutable })
        .end(readFileSync(file));
    }
    // A missing asset is a 404 (a stale page asking for an old bundle must not get HTML as JavaScript).
    if (path.startsWith('/assets/')) return void res.writeHead(404, headers('text/plain; charset=utf-8')).end('not found');
    res.writeHead(200, { ...headers(TYPES['.html']), 'cache-control': 'no-cache' }).end(readFileSync(resolve(root, 'index.html')));
  });
  await new Promise<void>((done) => server.listen(settings.port, '127.0.0.1', done));
  const address = server.address();
  return { server, url: `http://localhost:${typeof address === 'object' && address ? address.port : settings.port}` };
}
