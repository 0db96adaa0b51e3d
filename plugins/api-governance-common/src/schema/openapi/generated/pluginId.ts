export const pluginId = 'api-governance';
