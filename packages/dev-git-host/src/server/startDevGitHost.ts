import { createHash, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DevGitHostError } from './errors';
import {
  DEFAULT_GIT_HTTP_BACKEND,
  serveThroughGitHttpBackend,
} from './gitHttpBackend';
import {
  renderBlob,
  renderMessage,
  renderRepositoryList,
  renderTree,
} from './pages';
import { parseRepoName } from './repoNames';
import {
  parseRepoPath,
  RepositoryStore,
  type RepositoryInfo,
} from './RepositoryStore';

/** Options of {@link startDevGitHost}. */
export interface DevGitHostOptions {
  /** Directory of the bare repositories (`<name>.git`); created if missing. */
  root: string;
  /** Required to push and to create or delete repositories (HTTP basic password or bearer). */
  token: string;
  /** Loopback only by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default /usr/lib/git-core/git-http-backend. */
  gitHttpBackend?: string;
  /** Structured log lines (never the token or any header); default: none. */
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

/** A running git host. */
export interface DevGitHost {
  /** e.g. http://127.0.0.1:7010 */
  baseUrl: string;
  /** The real path of the repositories' directory. */
  root: string;
  stop(): Promise<void>;
}

/** The JSON the admin API answers for a repository. */
export interface DevGitHostRepository extends RepositoryInfo {
  cloneUrl: string;
  webUrl: string;
}

const MAX_JSON_BYTES = 16 * 1024;

/** decodeURIComponent that answers 400 instead of throwing a URIError (a 500). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DevGitHostError(`The URL segment '${segment}' is not valid`);
  }
}

function tokenMatches(given: string, expected: string): boolean {
  // Hashing first makes the lengths equal, so the comparison time says nothing.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: HTTP basic (any user name, the token as password) or bearer. */
function presentedToken(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (/^bearer$/i.test(scheme)) return value.trim();
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) {
      throw new DevGitHostError('The request body is too large', 413);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new DevGitHostError('The request body is not JSON');
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
) {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(body);
}

function sendHtml(res: http.ServerResponse, status: number, html: string) {
  // Pages have no scripts; raw files are served as text/plain or octet-stream, never HTML.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  send(res, status, 'text/html; charset=utf-8', html);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  send(res, status, 'application/json', JSON.stringify(body));
}

function validateOptions(options: DevGitHostOptions) {
  if (!options.token) {
    throw new DevGitHostError(
      'The git host token must not be empty (pushes and the admin API need it)',
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new DevGitHostError(`The port must be 0..65535, got ${port}`);
  }
}

/** Whether a request to git's smart HTTP protocol would push. */
function isPush(rest: string, query: URLSearchParams): boolean {
  return (
    rest === '/git-receive-pack' ||
    (rest === '/info/refs' && query.get('service') === 'git-receive-pack')
  );
}

/**
 * Starts the development git host: bare repositories under `root`, cloned and pushed over
 * HTTP through `git http-backend`, a browsable view (repository list, files at a branch,
 * file contents, raw files for Backstage's URL reader) and an admin API to create and
 * delete repositories. Reads are open (it listens on loopback); pushes and the admin API
 * need the token.
 */
export async function startDevGitHost(
  options: DevGitHostOptions,
): Promise<DevGitHost> {
  validateOptions(options);
  const log = options.log ?? (() => {});
  const executable = options.gitHttpBackend ?? DEFAULT_GIT_HTTP_BACKEND;
  try {
    await fs.access(executable, fs.constants.X_OK);
  } catch {
    throw new DevGitHostError(
      `${executable} is not an executable; install git (it ships git http-backend)`,
    );
  }
  const store = await RepositoryStore.open(options.root);
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';

  const describe = (repo: RepositoryInfo): DevGitHostRepository => ({
    ...repo,
    cloneUrl: `${baseUrl}/${encodeURIComponent(repo.name)}.git`,
    webUrl: `${baseUrl}/${encodeURIComponent(repo.name)}`,
  });

  function requireToken(req: http.IncomingMessage, res: http.ServerResponse) {
    const token = presentedToken(req);
    if (token !== undefined && tokenMatches(token, options.token)) {
      return true;
    }
    res.setHeader('WWW-Authenticate', 'Basic realm="Plinth git host"');
    sendJson(res, 401, {
      error: token === undefined ? 'A token is required' : 'Wrong token',
    });
    return false;
  }

  async function handleAdmin(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    segments: string[],
  ) {
    if (segments.length === 1) {
      if (req.method === 'GET') {
        sendJson(res, 200, { items: (await store.list()).map(describe) });
        return;
      }
      if (req.method === 'POST') {
        if (!requireToken(req, res)) return;
        const body = (await readJson(req)) as Record<string, unknown>;
        const name = parseRepoName(body?.name);
        if (
          body.description !== undefined &&
          typeof body.description !== 'string'
        ) {
          throw new DevGitHostError('description must be a string');
        }
        const repo = await store.create({
          name,
          description: body.description as string | undefined,
          defaultBranch: (body.defaultBranch as string | undefined) ?? 'main',
        });
        log('repository created', { repository: name });
        sendJson(res, 201, describe(repo));
        return;
      }
    }
    if (segments.length === 2) {
      const name = parseRepoName(decodeSegment(segments[1]));
      if (req.method === 'GET') {
        sendJson(res, 200, describe(await store.info(name)));
        return;
      }
      if (req.method === 'DELETE') {
        if (!requireToken(req, res)) return;
        await store.delete(name);
        log('repository deleted', { repository: name });
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    sendJson(res, 405, { error: `${req.method} is not supported here` });
  }

  async function handleBrowse(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    segments: string[],
  ) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: `${req.method} is not supported here` });
      return;
    }
    if (segments.length === 0) {
      sendHtml(res, 200, renderRepositoryList(baseUrl, await store.list()));
      return;
    }
    const name = parseRepoName(decodeSegment(segments[0]));
    const repo = await store.info(name);
    const [view, rawBranch, ...rest] = segments.slice(1);
    const branch = rawBranch ? decodeSegment(rawBranch) : repo.defaultBranch;
    const path = parseRepoPath(rest.map(decodeSegment).join('/'));
    if (view === undefined || view === 'tree') {
      const type = await store.pathType(name, branch, path);
      if (type === undefined && path.length === 0) {
        sendHtml(
          res,
          200,
          renderTree({ baseUrl, repo, branch, path, entries: undefined }),
        );
        return;
      }
      const entries = await store.listTree(name, branch, path);
      sendHtml(res, 200, renderTree({ baseUrl, repo, branch, path, entries }));
      return;
    }
    if ((view === 'blob' || view === 'raw') && rawBranch) {
      // A directory under raw/ or blob/ (e.g. the "View source" link of an entity, which
      // points at the directory of its catalog file) shows the file list.
      if ((await store.pathType(name, branch, path)) === 'tree') {
        res.statusCode = 302;
        res.setHeader(
          'Location',
          `/${encodeURIComponent(name)}/tree/${encodeURIComponent(
            branch,
          )}/${path.map(encodeURIComponent).join('/')}`,
        );
        res.end();
        return;
      }
      const content = await store.readBlob(name, branch, path);
      if (view === 'raw') {
        const text = !content.subarray(0, 8192).includes(0);
        send(
          res,
          200,
          text ? 'text/plain; charset=utf-8' : 'application/octet-stream',
          content,
        );
        return;
      }
      sendHtml(res, 200, renderBlob({ repo, branch, path, content }));
      return;
    }
    throw new DevGitHostError(`Nothing at ${req.url}`, 404);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://git-host.invalid');
    const segments = url.pathname.split('/').filter(s => s.length > 0);
    if (segments[0] === 'health') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (segments[0] === 'api' && segments[1] === 'repos') {
      await handleAdmin(req, res, segments.slice(1));
      return;
    }
    const gitMatch = /^\/([^/]+)\.git(\/.*)?$/.exec(url.pathname);
    if (gitMatch) {
      const name = parseRepoName(decodeSegment(gitMatch[1]));
      const rest = gitMatch[2] ?? '';
      if (rest === '' || rest === '/') {
        // A browser following a clone URL: show the repository page.
        res.statusCode = 302;
        res.setHeader('Location', `/${encodeURIComponent(name)}`);
        res.end();
        return;
      }
      await store.existingDirectory(name);
      const push = isPush(rest, url.searchParams);
      if (push && !requireToken(req, res)) return;
      serveThroughGitHttpBackend({
        executable,
        projectRoot: store.root,
        pathInfo: `/${name}.git${rest}`,
        query: url.search.replace(/^\?/, ''),
        remoteUser: push ? 'plinth' : undefined,
        req,
        res,
        onError: error =>
          log('git http-backend failed', {
            repository: name,
            error: error.message,
          }),
      });
      if (rest === '/git-receive-pack') {
        res.once('finish', () =>
          log('push received', { repository: name, status: res.statusCode }),
        );
      }
      return;
    }
    await handleBrowse(req, res, segments);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(error => {
      const known = error instanceof DevGitHostError;
      const status = known ? error.status : 500;
      if (!known) {
        log('request failed', {
          method: req.method,
          path: req.url?.split('?')[0],
          error: String(error),
        });
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = known ? error.message : 'Internal error';
      if ((req.headers.accept ?? '').includes('text/html')) {
        sendHtml(res, status, renderMessage(`Error ${status}`, message));
      } else {
        sendJson(res, status, { error: message });
      }
    });
  });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  baseUrl = `http://${host}:${address.port}`;
  // Safe to call twice (a test that stops the host to see it down, then its cleanup).
  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    root: store.root,
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
