export * from './readAnnotatedEntities';
