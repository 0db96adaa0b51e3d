import type {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  LoggerService,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
  type AuthorizePermissionResponse,
  type QueryPermissionRequest,
  type QueryPermissionResponse,
} from '@backstage/plugin-permission-common';
import type { AutomationGrant } from '../config';

/** The rule id in decision logs for external service principals. */
export const AUTOMATION_RULE_ID = 'plinth.permissions.automation';

/**
 * The permissions service every plugin in this backend uses, with one addition: external
 * service principals (static tokens, JWKS tokens) get only the permissions that
 * `plinth.permissions.automation` grants their subject.
 *
 * Backstage never sends service principals to the permission policy: its own client
 * allows them everything unless the token's `accessRestrictions` say otherwise. That is
 * right for plugin-to-plugin calls (subject `plugin:<id>`): plugins call each other with
 * their own service credentials all the time (the search indexer reads the whole catalog,
 * ownership builds its snapshot), and those calls are code we ship, not callers we grant.
 * So `plugin:*` subjects keep Backstage's rules, and everything else is decided here first.
 * A granted request still goes through Backstage's client, so a token's own
 * `accessRestrictions` in `backend.auth.externalAccess` narrow it further.
 */
export class AutomationAwarePermissionsService implements PermissionsService {
  readonly #inner: PermissionsService;
  readonly #auth: AuthService;
  readonly #grants: ReadonlyMap<string, AutomationGrant>;
  readonly #logger: LoggerService;

  constructor(options: {
    inner: PermissionsService;
    auth: AuthService;
    grants: ReadonlyMap<string, AutomationGrant>;
    logger: LoggerService;
  }) {
    this.#inner = options.inner;
    this.#auth = options.auth;
    this.#grants = options.grants;
    this.#logger = options.logger;
  }

  async authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    const subject = this.#externalSubject(options);
    if (subject === undefined) {
      return this.#inner.authorize(requests, options);
    }
    return this.#decide(requests, subject, granted =>
      this.#inner.authorize(granted, options),
    );
  }

  async authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    const subject = this.#externalSubject(options);
    if (subject === undefined) {
      return this.#inner.authorizeConditional(requests, options);
    }
    return this.#decide(requests, subject, granted =>
      this.#inner.authorizeConditional(granted, options),
    );
  }

  /** The subject of an external service principal, or undefined for everyone else. */
  #externalSubject(
    options: PermissionsServiceRequestOptions,
  ): string | undefined {
    const credentials: BackstageCredentials | undefined =
      options && 'credentials' in options ? options.credentials : undefined;
    if (!credentials || !this.#auth.isPrincipal(credentials, 'service')) {
      return undefined;
    }
    const { subject } = credentials.principal as BackstageServicePrincipal;
    return subject.startsWith('plugin:') ? undefined : subject;
  }

  /** Denies what the subject's grant lacks; asks `inner` about the rest, in one batch. */
  async #decide<
    TRequest extends { permission: { name: string } },
    TResponse extends { result: AuthorizeResult },
  >(
    requests: TRequest[],
    subject: string,
    ask: (granted: TRequest[]) => Promise<TResponse[]>,
  ): Promise<TResponse[]> {
    const allowed = this.#grants.get(subject)?.allow;
    const granted = requests.filter(r => allowed?.has(r.permission.name));
    const answers = granted.length ? await ask(granted) : [];
    let next = 0;
    return requests.map(request => {
      if (allowed?.has(request.permission.name)) {
        return answers[next++];
      }
      this.#logger.info('Permission denied', {
        permission: request.permission.name,
        decision: AuthorizeResult.DENY,
        principal: `service:${subject}`,
        rule: AUTOMATION_RULE_ID,
      });
      return { result: AuthorizeResult.DENY } as TResponse;
    });
  }
}
