export * from './buildPipelineSummary';
export * from './entityHealth';
export * from './sumLag';
export type * from './types';
