export const pluginId = 'pipeline-health';
