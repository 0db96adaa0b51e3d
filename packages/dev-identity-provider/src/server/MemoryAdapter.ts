import type { Adapter, AdapterPayload } from 'oidc-provider';

type Entry = { payload: AdapterPayload; expiresAt?: number };

/**
 * oidc-provider's storage (sessions, interactions, codes, tokens) in memory, one map per
 * model. Losing everything at a restart is what a development IdP wants: a restart signs
 * everyone out of the IdP (the portal's own session is separate). Giving oidc-provider an
 * adapter also replaces its built-in one, which warns on every start that it must not be
 * used in production.
 */
export function createMemoryAdapterFactory(): (name: string) => Adapter {
  const stores = new Map<string, Map<string, Entry>>();

  return (name: string) => {
    const store = stores.get(name) ?? new Map<string, Entry>();
    stores.set(name, store);

    const live = (id: string): AdapterPayload | undefined => {
      const entry = store.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        store.delete(id);
        return undefined;
      }
      return entry.payload;
    };
    const findWhere = (predicate: (p: AdapterPayload) => boolean) => {
      for (const id of store.keys()) {
        const payload = live(id);
        if (payload && predicate(payload)) return payload;
      }
      return undefined;
    };

    return {
      async upsert(id, payload, expiresIn) {
        store.set(id, {
          payload,
          expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined,
        });
      },
      async find(id) {
        return live(id);
      },
      async findByUid(uid) {
        return findWhere(p => p.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere(p => p.userCode === userCode);
      },
      async consume(id) {
        const payload = live(id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(id);
      },
      async revokeByGrantId(grantId) {
        for (const model of stores.values()) {
          for (const [id, entry] of model) {
            if (entry.payload.grantId === grantId) model.delete(id);
          }
        }
      },
    };
  };
}
