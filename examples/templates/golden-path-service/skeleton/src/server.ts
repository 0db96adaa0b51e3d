import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from './logger';

/** An RFC 9457 problem, the error shape the platform's API lint requires. */
function sendProblem(res: ServerResponse, status: number, title: string, detail?: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export interface Item {
  id: string;
  name: string;
  createdAt: string;
}

export function createAppServer(options: {
  logger: Logger;
  service: string;
  exposesHttpApi: boolean;
  items?: Item[];
}): Server {
  const { logger, service, exposesHttpApi } = options;
  const items = options.items ?? [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/health') {
      sendJson(res, 200, { status: 'ok', service });
      return;
    }
    if (exposesHttpApi && req.method === 'GET' && url.pathname === '/v1/items') {
      const pageSize = Number(url.searchParams.get('pageSize') ?? '50');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) {
        sendProblem(res, 400, 'Bad request', 'pageSize must be an integer from 1 to 500');
        return;
      }
      const start = Number(url.searchParams.get('pageToken') ?? '0');
      if (!Number.isInteger(start) || start < 0) {
        sendProblem(res, 400, 'Bad request', 'pageToken is not one this service issued');
        return;
      }
      const page = items.slice(start, start + pageSize);
      const next = start + pageSize < items.length ? String(start + pageSize) : undefined;
      sendJson(res, 200, { items: page, nextPageToken: next });
      return;
    }
    const itemMatch = /^\/v1\/items\/([a-z0-9-]{1,64})$/.exec(url.pathname);
    if (exposesHttpApi && req.method === 'GET' && itemMatch) {
      const item = items.find(i => i.id === itemMatch[1]);
      if (!item) {
        sendProblem(res, 404, 'Not found', `No item "${itemMatch[1]}"`);
        return;
      }
      sendJson(res, 200, item);
      return;
    }
    sendProblem(res, 404, 'Not found', `No route for ${req.method} ${url.pathname}`);
  };

  return createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => {
      // Per-request lines are debug: at info they drown the lines that matter.
      logger.debug('request', {
        method: req.method,
        path: req.url,
        status: res.statusCode,
        durationMs: Date.now() - started,
      });
    });
    try {
      handle(req, res);
    } catch (error) {
      logger.error('request failed', { error, path: req.url });
      sendProblem(res, 500, 'Internal error');
    }
  });
}
