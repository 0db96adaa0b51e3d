export interface Config {
  plinth?: {
    /**
     * The Plinth permission policy (`@plinth/plugin-permission-backend-module-plinth`).
     * See docs/identity-and-access.md for who can do what by default.
     */
    permissions?: {
      /**
       * Groups whose members may export the whole ownership matrix as CSV
       * (`ownership.matrix.export`). Everyone else may export only the rows their own
       * groups own. Full group references, e.g. `group:default/platform`.
       * Default: `[group:default/platform]`.
       */
      exporters?: string[];
      /**
       * Groups whose members may do what otherwise only an entity's or task's owners may
       * do (delete catalog entities, unregister locations, read and cancel every
       * scaffolder task, manage templates). Default: `[group:default/platform]`.
       */
      administrators?: string[];
      /**
       * What external service principals (static tokens in `backend.auth.externalAccess`,
       * JWKS tokens) may do, by subject. A subject that is not listed gets nothing.
       * Plugin-to-plugin calls inside the backend are not affected.
       * Default: the `automation` subject may read the catalog and the ownership matrix.
       */
      automation?: Array<{
        /** The token's subject, as in `backend.auth.externalAccess[].options.subject`. */
        subject: string;
        /** Permission names this subject is granted, e.g. `catalog.entity.read`. */
        allow: string[];
      }>;
    };
  };
}
