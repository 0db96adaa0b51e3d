export * from './createRouter';
export * from './createApiRouter';
