// A static file server for browser tests: serves folders and in-memory files on its own origin,
// with the CORS headers a plugin needs to be loaded from another origin.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface StaticServer {
  readonly origin: string;
  /** Serves `data` at `path` (e.g. a test signal as raw float32). */
  put(path: string, data: Uint8Array | string, type?: string): void;
  close(): Promise<void>;
}

export interface StaticServerOptions {
  /** URL prefix → folder on disk. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Adds COOP/COEP so pages are cross-origin isolated (SharedArrayBuffer). */
  readonly isolated?: boolean;
}

export async function startStaticServer(options: StaticServerOptions = {}): Promise<StaticServer> {
  const files = new Map<string, { data: Uint8Array | string; type: string }>();
  const mounts = Object.entries(options.mounts ?? {});

  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    response.setHeader('Cache-Control', 'no-store');
    if (options.isolated) {
      response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const memory = files.get(path);
    if (memory) {
      response.setHeader('Content-Type', memory.type);
      response.end(memory.data);
      return;
    }
    for (const [prefix, folder] of mounts) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(folder, path.slice(prefix.length)));
      if (!file.startsWith(normalize(folder) + sep) && file !== normalize(folder)) break;
      try {
        if ((await stat(file)).isFile()) {
          response.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(response);
          return;
        }
      } catch {
        // fall through to 404
      }
    }
    response.statusCode = 404;
    response.end('not found');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    put(path, data, type = 'application/octet-stream') {
      files.set(path, { data, type });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
