import type { RepositoryInfo, TreeEntry } from './RepositoryStore';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}
a{color:#1565c0}code,pre{font-family:ui-monospace,monospace}pre{background:#f5f5f5;padding:1rem;overflow:auto}
table{border-collapse:collapse}td{padding:.2rem 1rem .2rem 0}.muted{color:#666}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head><body><p class="muted"><a href="/">Plinth git host</a></p>${body}</body></html>`;
}

/** Encodes each segment of a repository path for a URL. */
function urlPath(segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

export function renderRepositoryList(
  baseUrl: string,
  repos: RepositoryInfo[],
): string {
  const rows = repos
    .map(
      r =>
        `<tr><td><a href="/${encodeURIComponent(r.name)}">${escapeHtml(
          r.name,
        )}</a></td><td>${escapeHtml(r.description)}</td></tr>`,
    )
    .join('');
  return layout(
    'Repositories',
    `<h1>Repositories</h1>${
      repos.length === 0
        ? '<p>No repositories yet. The scaffolder creates one when a template publishes to this host.</p>'
        : `<table>${rows}</table>`
    }<p class="muted">Clone with <code>git clone ${escapeHtml(
      baseUrl,
    )}/&lt;name&gt;.git</code></p>`,
  );
}

export function renderTree(options: {
  baseUrl: string;
  repo: RepositoryInfo;
  branch: string;
  path: string[];
  entries: TreeEntry[] | undefined;
}): string {
  const { baseUrl, repo, branch, path, entries } = options;
  const name = encodeURIComponent(repo.name);
  const cloneUrl = `${baseUrl}/${name}.git`;
  const here = path.length ? `/${escapeHtml(path.join('/'))}` : '';
  const up =
    path.length > 0
      ? `<tr><td><a href="/${name}/tree/${encodeURIComponent(branch)}/${urlPath(
          path.slice(0, -1),
        )}">..</a></td></tr>`
      : '';
  const rows = (entries ?? [])
    .map(e => {
      const view = e.type === 'tree' ? 'tree' : 'blob';
      const label = `${escapeHtml(e.name)}${e.type === 'tree' ? '/' : ''}`;
      if (e.type === 'commit' || e.symlink) {
        return `<tr><td>${label}</td><td class="muted">${
          e.symlink ? 'symlink' : 'submodule'
        }</td></tr>`;
      }
      return `<tr><td><a href="/${name}/${view}/${encodeURIComponent(
        branch,
      )}/${urlPath([...path, e.name])}">${label}</a></td></tr>`;
    })
    .join('');
  const files =
    entries === undefined
      ? `<p>This repository is empty: nothing has been pushed to <code>${escapeHtml(
          branch,
        )}</code> yet.</p>`
      : `<table>${up}${rows}</table>`;
  return layout(
    `${repo.name}${here}`,
    `<h1>${escapeHtml(repo.name)}${here}</h1>${
      repo.description ? `<p>${escapeHtml(repo.description)}</p>` : ''
    }<p>Clone: <code>git clone ${escapeHtml(
      cloneUrl,
    )}</code></p><p class="muted">Branch <code>${escapeHtml(
      branch,
    )}</code></p>${files}`,
  );
}

export function renderBlob(options: {
  repo: RepositoryInfo;
  branch: string;
  path: string[];
  content: Buffer;
}): string {
  const { repo, branch, path, content } = options;
  const name = encodeURIComponent(repo.name);
  const rawUrl = `/${name}/raw/${encodeURIComponent(branch)}/${urlPath(path)}`;
  // A NUL byte in the first 8 KiB is what git itself takes as "binary".
  const binary = content.subarray(0, 8192).includes(0);
  return layout(
    `${repo.name}/${path.join('/')}`,
    `<h1><a href="/${name}/tree/${encodeURIComponent(branch)}">${escapeHtml(
      repo.name,
    )}</a> / ${escapeHtml(
      path.join('/'),
    )}</h1><p><a href="${rawUrl}">raw</a> <span class="muted">(${
      content.length
    } bytes, branch ${escapeHtml(branch)})</span></p>${
      binary
        ? '<p>Binary file, not shown.</p>'
        : `<pre>${escapeHtml(content.toString('utf8'))}</pre>`
    }`,
  );
}

export function renderMessage(title: string, message: string): string {
  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
  );
}
