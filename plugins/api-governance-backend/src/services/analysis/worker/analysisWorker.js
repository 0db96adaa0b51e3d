/*
 * Entry point of the analysis worker thread. The backend runs TypeScript sources (no build
 * step), and a worker thread starts without the main thread's require hooks, so it loads
 * Backstage's node transform itself before the TypeScript part.
 */
// eslint-disable-next-line no-restricted-syntax
if (!require.extensions['.ts']) {
  // eslint-disable-next-line @backstage/no-undeclared-imports
  require('@backstage/cli/config/nodeTransform.cjs');
}
require('./analysisWorkerMain.ts');
