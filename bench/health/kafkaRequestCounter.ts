// The counter lives next to the Kafka adapter it checks (its integration tests count with it
// too); the bench uses the same one. Benchmarks run from the source tree.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
export * from '@plinth/plugin-pipeline-health-backend/src/services/kafka/testing/kafkaRequestCounter';
