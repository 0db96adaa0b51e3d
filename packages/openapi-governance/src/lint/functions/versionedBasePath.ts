import { isObject, Path, Results } from './shared';

/**
 * The major version must be in the URL: every server URL ends in /v<major>, or (when the
 * servers carry no version) every path starts with /v<major>. <major> is the major of
 * info.version, so a v2 document served under /v1 is caught too.
 */
export function versionedBasePath(document: unknown): Results {
  if (!isObject(document)) return [];
  const version = isObject(document.info)
    ? String(document.info.version ?? '')
    : '';
  const major = /^v?(\d+)\./.exec(version)?.[1];
  if (!major) {
    return [
      {
        message: `info.version "${version}" is not a semantic version, so the base path cannot be checked against its major version.`,
        path: ['info', 'version'],
      },
    ];
  }
  const segment = `/v${major}`;
  const servers: unknown[] = Array.isArray(document.servers)
    ? document.servers
    : [];
  const serverPath = (url: string) => {
    const withoutHost = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
    return withoutHost.replace(/\/+$/, '');
  };
  const versionedServers = servers.filter(
    s =>
      isObject(s) &&
      typeof s.url === 'string' &&
      serverPath(s.url).endsWith(segment),
  );
  if (servers.length > 0 && versionedServers.length === servers.length)
    return [];

  const paths = isObject(document.paths) ? Object.keys(document.paths) : [];
  const unversioned = paths.filter(
    p => !p.startsWith('x-') && p !== segment && !p.startsWith(`${segment}/`),
  );
  if (unversioned.length === 0 && paths.length > 0) return [];
  const results: Results = [];
  servers.forEach((server, i) => {
    if (
      isObject(server) &&
      typeof server.url === 'string' &&
      !serverPath(server.url).endsWith(segment)
    ) {
      if (versionedServers.length > 0 || unversioned.length > 0) {
        results.push({
          message: `Server URL "${server.url}" does not end in ${segment} and the paths do not start with it; put the major version (from info.version ${version}) in the base path.`,
          path: ['servers', i, 'url'] as Path,
        });
      }
    }
  });
  if (servers.length === 0) {
    for (const p of unversioned) {
      results.push({
        message: `Path "${p}" does not start with ${segment}; put the major version (from info.version ${version}) in the base path.`,
        path: ['paths', p],
      });
    }
  }
  return results;
}
