import { arg } from '@plinth/testing';

export { arg };

/** The synthetic catalog's size: --components, --groups, --policies. */
export const catalogSize = {
  components: Number(arg('components') ?? 10000),
  groups: Number(arg('groups') ?? 300),
  policies: Number(arg('policies') ?? 300),
};
