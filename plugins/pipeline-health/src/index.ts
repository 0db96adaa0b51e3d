/**
 * Plinth's pipeline-health frontend: the Pipelines page, the pipeline detail page and the
 * entity tab for Kafka consumer groups and ClickHouse tables.
 *
 * @packageDocumentation
 */
export { pipelineHealthPlugin as default } from './plugin';
