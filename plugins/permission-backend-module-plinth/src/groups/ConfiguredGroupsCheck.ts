import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { GroupRef } from '../config';

/** The two catalog reads the check needs. */
export type GroupCatalog = Pick<
  CatalogService,
  'getEntitiesByRefs' | 'queryEntities'
>;

export interface ConfiguredGroup {
  ref: GroupRef;
  /** The config key that names it, e.g. `plinth.permissions.exporters`. */
  configKey: string;
}

/**
 * Warns, once per group, about groups in `plinth.permissions` that the catalog does not
 * have. Such a group grants nobody (membership comes from catalog ownership claims), so
 * the warning is the only sign of a typo.
 *
 * A catalog that is still ingesting must not cause false warnings, so a group is only
 * reported missing once the catalog's set of groups has settled: it has groups, and their
 * number did not change since the previous check. A group found once is never reported.
 */
export class ConfiguredGroupsCheck {
  readonly #catalog: GroupCatalog;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #pending: Map<GroupRef, ConfiguredGroup[]>;
  #previousGroupCount: number | undefined;

  constructor(options: {
    catalog: GroupCatalog;
    auth: AuthService;
    logger: LoggerService;
    groups: readonly ConfiguredGroup[];
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#pending = new Map();
    for (const group of options.groups) {
      this.#pending.set(group.ref, [
        ...(this.#pending.get(group.ref) ?? []),
        group,
      ]);
    }
  }

  /** True when every configured group was either found or reported. */
  get done(): boolean {
    return this.#pending.size === 0;
  }

  async run(): Promise<void> {
    if (this.done) {
      return;
    }
    const credentials = await this.#auth.getOwnServiceCredentials();
    const refs = [...this.#pending.keys()];
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    refs.forEach((ref, index) => {
      if (items[index]) {
        this.#pending.delete(ref);
      }
    });

    const { totalItems: groupCount } = await this.#catalog.queryEntities(
      { filter: { kind: 'Group' }, fields: ['metadata.name'], limit: 1 },
      { credentials },
    );
    const settled = groupCount > 0 && groupCount === this.#previousGroupCount;
    this.#previousGroupCount = groupCount;
    if (!settled) {
      return;
    }
    for (const [ref, mentions] of this.#pending) {
      this.#logger.warn(
        `Group ${ref} in ${mentions
          .map(m => m.configKey)
          .join(
            ' and ',
          )} does not exist in the catalog; it grants nobody until it does`,
        {
          group: ref,
          configKeys: mentions.map(m => m.configKey),
          catalogGroups: groupCount,
        },
      );
    }
    this.#pending.clear();
  }
}
