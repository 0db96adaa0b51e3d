import type {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  DEFAULT_DENY_RULE_ID,
  matchesPermission,
  type PlinthPermissionRule,
  type RuleUser,
} from '../rules';
import { deny } from '../rules/decisions';
import type { GroupRef } from '../config';

export interface PlinthPermissionPolicyOptions {
  rules: readonly PlinthPermissionRule[];
  exporters: readonly GroupRef[];
  administrators: readonly GroupRef[];
  userInfo: UserInfoService;
  logger: LoggerService;
}

/**
 * Decides every permission from the rule table (first matching rule wins, no match is a
 * deny) and logs each decision that denies or restricts, with the rule that made it.
 */
export class PlinthPermissionPolicy implements PermissionPolicy {
  readonly #rules: readonly PlinthPermissionRule[];
  readonly #groups: {
    exporters: ReadonlySet<string>;
    administrators: ReadonlySet<string>;
  };
  readonly #userInfo: UserInfoService;
  readonly #logger: LoggerService;

  constructor(options: PlinthPermissionPolicyOptions) {
    this.#rules = options.rules;
    this.#groups = {
      exporters: new Set(options.exporters),
      administrators: new Set(options.administrators),
    };
    this.#userInfo = options.userInfo;
    this.#logger = options.logger;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const ruleUser = user ? await this.#toRuleUser(user) : undefined;
    const rule = this.#rules.find(r => matchesPermission(r.match, permission));
    const decision = rule
      ? rule.decide({ permission, user: ruleUser, groups: this.#groups })
      : deny;

    if (decision.result !== AuthorizeResult.ALLOW) {
      // The plugin that asked on the user's behalf, when one did.
      const actor = (
        user?.credentials as
          | BackstageCredentials<BackstageUserPrincipal>
          | undefined
      )?.principal.actor?.subject;
      // Never the credentials themselves: they carry the user's token.
      this.#logger.info(
        decision.result === AuthorizeResult.DENY
          ? 'Permission denied'
          : 'Permission restricted to a condition',
        {
          permission: permission.name,
          decision: decision.result,
          principal: ruleUser?.entityRef ?? 'none',
          ...(actor ? { onBehalfOf: actor } : {}),
          rule: rule?.id ?? DEFAULT_DENY_RULE_ID,
        },
      );
    }
    return decision;
  }

  /**
   * The user's ownership claims come from the user info service (the claims of their
   * token, set at sign-in from their catalog groups): `PolicyQueryUser.info` carries the
   * same data but is deprecated.
   */
  async #toRuleUser(user: PolicyQueryUser): Promise<RuleUser> {
    const info = await this.#userInfo.getUserInfo(user.credentials);
    return {
      entityRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs.map(ref =>
        ref.toLocaleLowerCase('en-US'),
      ),
    };
  }
}
