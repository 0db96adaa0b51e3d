/** One release of a template, from a `## <version>` section of its CHANGELOG.md. */
export type TemplateRelease = { version: string; changes: string };

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/** Compares two x.y.z versions; undefined when either is not one. */
export function compareVersions(a: string, b: string): number | undefined {
  const pa = SEMVER.exec(a.trim());
  const pb = SEMVER.exec(b.trim());
  if (!pa || !pb) {
    return undefined;
  }
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) {
      return Math.sign(d);
    }
  }
  return 0;
}

/** The releases of a CHANGELOG.md: each `## <version>` heading and the text under it. */
export function parseChangelog(text: string): TemplateRelease[] {
  const releases: TemplateRelease[] = [];
  let current: { version: string; lines: string[] } | undefined;
  const flush = () => {
    if (current) {
      releases.push({
        version: current.version,
        changes: current.lines.join('\n').trim(),
      });
    }
  };
  for (const line of text.split(/\r?\n/)) {
    const heading = /^##\s+\[?v?(\d+\.\d+\.\d+[^\]\s]*)\]?/.exec(line);
    if (heading) {
      flush();
      current = { version: heading[1], lines: [] };
    } else if (/^#{1,2}\s/.test(line)) {
      flush();
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return releases;
}

/** Releases after `from` up to and including `to`, newest first. */
export function changesSince(
  releases: TemplateRelease[],
  from: string,
  to: string,
): TemplateRelease[] {
  return releases
    .filter(
      r =>
        (compareVersions(r.version, from) ?? 0) > 0 &&
        (compareVersions(r.version, to) ?? 1) <= 0,
    )
    .sort((a, b) => compareVersions(b.version, a.version) ?? 0);
}
