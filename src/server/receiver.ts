/// <reference types="node" />
/**
 * A standalone receiver (`integrus-consent serve`): one `node:http` server, one path, the record handler.
 */
import { createRecordHandler } from './handler.js';
import type { RecordHandlerOptions } from './handler.js';

export interface ReceiverOptions extends RecordHandlerOptions {
  /** Default 127.0.0.1: put your web server or proxy in front, or pass 0.0.0.0 deliberately. */
  host?: string;
  /** Default 8081; 0 picks a free port. */
  port?: number;
  /** The one path that receives records (default `/consent-log`); everything else is 404. */
  path?: string;
}

export interface Receiver {
  /** Where records are received, e.g. `http://127.0.0.1:8081/consent-log`. */
  url: string;
  port: number;
  /** Stops accepting, lets requests in flight finish, then resolves (the store stays open). */
  close(): Promise<void>;
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const { host = '127.0.0.1', port = 8081, path = '/consent-log' } = options;
  const handle = createRecordHandler(options);
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    // A request line the URL parser refuses (`GET //[ HTTP/1.1`) is answered 404, never thrown.
    if (pathOf(req.url) === path) return void handle(req, res);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end('Not found\n');
  });
  // What node:http cannot parse (a bad request line or header) is answered 400 and closed, never thrown.
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.writableEnded) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}${path}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** The path of a request target, or null when it is not a URL (`//[`). */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://receiver').pathname;
  } catch {
    return null;
  }
}
