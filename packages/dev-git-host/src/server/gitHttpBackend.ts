import { spawn } from 'node:child_process';
import type http from 'node:http';
import { gitEnv } from './RepositoryStore';

export const DEFAULT_GIT_HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

/**
 * Runs one request through `git http-backend` (CGI): the request body goes to its stdin,
 * its CGI headers become the HTTP response head, the rest is streamed as the body.
 */
export function serveThroughGitHttpBackend(options: {
  executable: string;
  projectRoot: string;
  /** `/<repo>.git/<rest>`, already validated. */
  pathInfo: string;
  query: string;
  /** Set only when the caller authenticated; http-backend allows receive-pack only then. */
  remoteUser?: string;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  onError(error: Error): void;
}) {
  const { req, res } = options;
  const env: NodeJS.ProcessEnv = {
    ...gitEnv(),
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: options.pathInfo,
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: options.query,
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
  };
  if (options.remoteUser) env.REMOTE_USER = options.remoteUser;
  if (req.headers['content-length']) {
    env.CONTENT_LENGTH = req.headers['content-length'];
  }
  if (req.headers['content-encoding']) {
    env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
  }
  const protocol = req.headers['git-protocol'];
  if (typeof protocol === 'string') env.GIT_PROTOCOL = protocol;

  const child = spawn(options.executable, [], { env });
  let headerBuffer = Buffer.alloc(0);
  let headersDone = false;
  let stderr = '';

  child.on('error', error => {
    options.onError(error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end('git http-backend could not run\n');
    } else {
      res.destroy();
    }
  });
  child.stderr.on('data', chunk => {
    if (stderr.length < 4096) stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    headerBuffer = Buffer.concat([headerBuffer, chunk]);
    let end = headerBuffer.indexOf('\r\n\r\n');
    let separatorLength = 4;
    if (end < 0) {
      end = headerBuffer.indexOf('\n\n');
      separatorLength = 2;
    }
    if (end < 0) return;
    headersDone = true;
    const head = headerBuffer.subarray(0, end).toString('latin1');
    for (const line of head.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') {
        res.statusCode = Number.parseInt(value, 10) || 500;
      } else {
        res.setHeader(name, value);
      }
    }
    const rest = headerBuffer.subarray(end + separatorLength);
    if (rest.length) res.write(rest);
  });
  child.on('close', code => {
    if (!headersDone) {
      options.onError(
        new Error(
          `git http-backend exited with ${code} before answering: ${stderr.trim()}`,
        ),
      );
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('git http-backend failed\n');
        return;
      }
    }
    res.end();
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => {
    // http-backend may close stdin early on a refused request; its answer still counts.
  });
}
