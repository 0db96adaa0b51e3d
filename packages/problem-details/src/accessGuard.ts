import { NotAllowedError } from '@backstage/errors';
import type { Request } from 'express';

/** JSON, as Backstage's `JsonObject` (kept structural: this package depends on no Backstage backend package, only @backstage/errors). */
type AuditMetaValue =
  | string
  | number
  | boolean
  | null
  | AuditMetaValue[]
  | AuditMeta;

/** What an audit event records about a request (the auditor's `meta`). */
export type AuditMeta = { [key in string]?: AuditMetaValue };

/** The part of Backstage's HttpAuthService the guard uses. */
export type GuardCredentialsReader<TCredentials> = {
  credentials(req: Request<any, any, any, any>): Promise<TCredentials>;
};

/** The part of Backstage's PermissionsService the guard uses. */
export type GuardPermissionAuthorizer<TCredentials> = {
  authorize(
    requests: Array<{ permission: { name: string; type: string } }>,
    options: { credentials: TCredentials },
  ): Promise<Array<{ result: string }>>;
};

/** The part of Backstage's AuditorService the guard uses. */
export type GuardAuditor = {
  createEvent(options: {
    eventId: string;
    severityLevel?: 'low' | 'medium' | 'high' | 'critical';
    request?: Request<any, any, any, any>;
    meta?: AuditMeta;
  }): Promise<{
    success(): Promise<void>;
    fail(options: { error: Error }): Promise<void>;
  }>;
};

/** A basic permission as @backstage/plugin-permission-common declares it. */
export type GuardedPermission = { name: string; type: 'basic' };

/** What one route asks of the guard. */
export type GuardedAccess = {
  /** The audit event id, e.g. `pipeline-health-read`. */
  eventId: string;
  /** Default `low`. */
  severityLevel?: 'low' | 'medium' | 'high' | 'critical';
  meta: AuditMeta;
  /** Every one must be allowed; the error names those that were not. */
  permissions: GuardedPermission[];
};

/**
 * Runs `handle` for an authenticated, permitted request and audits it; see
 * {@link createAccessGuard}.
 */
export type AccessGuard<TCredentials> = <T>(
  req: Request<any, any, any, any>,
  access: GuardedAccess,
  handle: (credentials: TCredentials) => Promise<T> | T,
) => Promise<T>;

// AuthorizeResult.ALLOW of @backstage/plugin-permission-common, a string enum.
const ALLOW = 'ALLOW';

/**
 * How a denial names the caller: the user's entity ref, else the service's subject, else
 * the principal type (`none`).
 */
export function describePrincipal(credentials: unknown): string {
  const principal = (
    credentials as {
      principal?: { type?: string; userEntityRef?: string; subject?: string };
    }
  )?.principal;
  return (
    principal?.userEntityRef ?? principal?.subject ?? principal?.type ?? 'none'
  );
}

/**
 * The one way a Plinth router answers a data request: read the caller's credentials
 * (missing or invalid ones throw before anything is recorded; the credentials barrier has
 * usually answered 401 already), open an audit event, ask the permission service for every
 * permission the route needs, and either run `handle` or throw a `NotAllowedError`
 * ("<permission>: denied to <caller>.") that the problem+json handler answers as 403. The
 * audit event records success, or the failure with its error, whether the permission was
 * denied or `handle` threw.
 *
 * The decision is the permission service's (the policy module); the guard only enforces it.
 */
export function createAccessGuard<TCredentials>(options: {
  httpAuth: GuardCredentialsReader<TCredentials>;
  permissions: GuardPermissionAuthorizer<TCredentials>;
  auditor: GuardAuditor;
  /** How a denial names the caller. Default {@link describePrincipal}. */
  describePrincipal?: (credentials: TCredentials) => string;
}): AccessGuard<TCredentials> {
  const { httpAuth, permissions, auditor } = options;
  const describe = options.describePrincipal ?? describePrincipal;
  return async (req, access, handle) => {
    const credentials = await httpAuth.credentials(req);
    const event = await auditor.createEvent({
      eventId: access.eventId,
      request: req,
      severityLevel: access.severityLevel ?? 'low',
      meta: access.meta,
    });
    try {
      const decisions = await permissions.authorize(
        access.permissions.map(permission => ({ permission })),
        { credentials },
      );
      const denied = access.permissions.filter(
        (_, i) => decisions[i]?.result !== ALLOW,
      );
      if (denied.length) {
        throw new NotAllowedError(
          `${denied.map(p => p.name).join(', ')}: denied to ${describe(
            credentials,
          )}.`,
        );
      }
      const result = await handle(credentials);
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}
