export const pluginId = 'ownership';
