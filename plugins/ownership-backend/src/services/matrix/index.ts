export * from './queryMatrix';
