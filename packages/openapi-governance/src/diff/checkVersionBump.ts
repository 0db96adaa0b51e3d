import { DiffContext } from './DiffContext';

interface SemVer {
  major: number;
  minor: number;
}

export function parseSemVer(version: string): SemVer | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  return match
    ? { major: Number(match[1]), minor: Number(match[2]) }
    : undefined;
}

/**
 * A breaking change needs a new major version. Under semver, 0.x releases may break in a
 * minor bump, so 0.1 -> 0.2 passes.
 */
export function checkVersionBump(ctx: DiffContext) {
  const baseVersion = String(ctx.baseSpec.document.info.version);
  const headVersion = String(ctx.headSpec.document.info.version);
  const base = parseSemVer(baseVersion);
  const head = parseSemVer(headVersion);
  if (!base || !head) {
    const which = !head
      ? { v: headVersion, side: 'head' }
      : { v: baseVersion, side: 'base' };
    const message = `info.version "${which.v}" of the ${which.side} is not a semantic version (MAJOR.MINOR.PATCH); the major-bump rule cannot be checked.`;
    if (which.side === 'head')
      ctx.inHead('version-not-semver', undefined, '/info/version', message);
    else ctx.inBase('version-not-semver', undefined, '/info/version', message);
    return;
  }
  const breaking = ctx.changes.filter(c => c.severity === 'breaking').length;
  if (breaking === 0) return;
  const bumped =
    head.major > base.major ||
    (base.major === 0 && head.major === 0 && head.minor > base.minor);
  if (!bumped) {
    ctx.inHead(
      'breaking-change-without-major-bump',
      undefined,
      '/info/version',
      `The head has ${breaking} breaking change${
        breaking === 1 ? '' : 's'
      } but info.version went from ${baseVersion} to ${headVersion}; release it as ${
        base.major + 1
      }.0.0 (a new major version line).`,
    );
  }
}
