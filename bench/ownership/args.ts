/** `--name value` from the command line of a bench script. */
export function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The synthetic catalog's size: --components, --groups, --policies. */
export const catalogSize = {
  components: Number(arg('components') ?? 10000),
  groups: Number(arg('groups') ?? 300),
  policies: Number(arg('policies') ?? 300),
};
